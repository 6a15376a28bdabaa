package io.acqsim.core.cli;

import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.config.ConfigLoader;
import io.acqsim.core.metrics.TransactionLog;
import io.acqsim.core.server.AcqsimServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code acqsim}: start the fake bank (the default), or one of the subcommands. */
@Command(name = "acqsim", mixinStandardHelpOptions = true, versionProvider = AcqsimCommand.Version.class,
        description = "Acquirer host simulator: a fake bank that speaks ISO 8583 over TCP.",
        sortOptions = false, subcommands = {SendCommand.class, RunCommand.class, ReplayCommand.class,
                DbCommand.class, DialectsCommand.class})
public final class AcqsimCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            defaultValue = "${env:ACQSIM_CONFIG:-config/acqsim.yaml}",
            description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--journal", paramLabel = "DIR",
            description = "Keep the ledger across restarts: journal every change in DIR and replay it on start.")
    Path journal;

    @Option(names = "--trace",
            description = "Log every message field by field and its raw bytes (card data masked) on acqsim.trace.")
    boolean trace;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        stopLogback(); // a command that ends (or a start refused) writes its queued log lines first
        System.exit(code);
    }

    /** The command line with acqsim's error handling: a configuration error is one line, no stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AcqsimCommand());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof ConfigException) {
                line.getErr().println("acqsim: configuration error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    @Override
    public Integer call() throws InterruptedException {
        AcqsimConfig cfg = ConfigLoader.load(config);
        if (trace) {
            TransactionLog.enableTrace();
        }
        AcqsimServer server = AcqsimServer.start(cfg, Clock.systemDefaultZone(), journal);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown(cfg.limits().shutdownGrace());
            flushLogs();
            stopped.countDown();
        }, "acqsim-shutdown"));
        stopped.await();
        return 0;
    }

    /** Writes the queued transaction log lines of the last messages, then stops logback so they reach their appenders. */
    private static void flushLogs() {
        io.acqsim.core.metrics.TransactionLog.close();
        stopLogback();
    }

    /** Stops logback, which writes what its appenders still hold (acqsim's console appender queues lines). */
    private static void stopLogback() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.stop();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AcqsimCommand.class.getPackage().getImplementationVersion();
            return new String[] {"acqsim " + (v == null ? "dev" : v)};
        }
    }
}
