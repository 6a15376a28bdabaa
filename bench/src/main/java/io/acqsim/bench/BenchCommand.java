package io.acqsim.bench;

import io.acqsim.bench.echo.EchoCommand;
import io.acqsim.bench.load.LoadCommand;
import io.acqsim.bench.footprint.FootprintCommand;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code acqsim-bench}: the load generator ({@code load}), the echo baseline server ({@code echo}),
 * the ledger memory probe ({@code footprint}) and the JMH benchmarks ({@code jmh}, JMH's own
 * command line: {@code jmh -rf json -rff target/jmh.json -prof gc}).
 */
@Command(name = "acqsim-bench", mixinStandardHelpOptions = true,
        description = "acqsim's load generator, echo baseline, ledger footprint probe and JMH benchmarks.",
        subcommands = {LoadCommand.class, EchoCommand.class, FootprintCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "  jmh [JMH options]   run the JMH benchmarks (JMH's own options, e.g. -rf json -prof gc)"})
public final class BenchCommand implements Runnable {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
