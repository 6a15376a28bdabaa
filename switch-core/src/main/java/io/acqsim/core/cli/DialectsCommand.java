package io.acqsim.core.cli;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigLoader;
import io.acqsim.core.config.DialectDefinitions;
import io.acqsim.core.reversal.Matching;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code acqsim dialects}: every dialect the configuration speaks (the built-in ones and those
 * under {@code dialects:}), with its version, charset, framing, where its layout comes from, where
 * its matching keys are read ({@code matching:}) and the listeners that speak it. A definition
 * that does not load is a configuration error.
 */
@Command(name = "dialects", mixinStandardHelpOptions = true,
        description = {"Lists every dialect: version, charset, framing, layout source, matching keys, listeners.",
                "Reads the configuration of --config (default config/acqsim.yaml) when it exists."})
public final class DialectsCommand implements Callable<Integer> {
    @ParentCommand
    AcqsimCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path file = parent == null ? null : parent.config;
        AcqsimConfig config = file != null && Files.isRegularFile(file) ? ConfigLoader.load(file) : AcqsimConfig.defaults();
        print(config, spec.commandLine().getOut());
        return 0;
    }

    static void print(AcqsimConfig config, PrintWriter out) {
        Map<String, Dialect> dialects = config.dialectsByName();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DIALECT", "VERSION", "CHARSET", "FRAMING", "LAYOUT", "MATCHING", "CATALOGUE",
            "LISTENERS"});
        for (Dialect d : dialects.values()) {
            List<String> listeners = new ArrayList<>();
            config.listeners().forEach((name, l) -> {
                if (d.name().equals(l.dialect()) && l.enabled()) {
                    listeners.add(name + ":" + l.port());
                }
            });
            rows.add(new String[] {d.name(), String.valueOf(d.version()), d.charset().configName(),
                    d.framing().describe(), d.layoutSource(), matching(DialectDefinitions.matching(config, d)),
                    d.isCup() ? "China UnionPay" : d.is1993() ? "ISO 8583:1993" : "ISO 8583:1987",
                    listeners.isEmpty() ? "-" : String.join(" ", listeners)});
        }
        printTable(rows, out);
    }

    /**
     * A dialect's {@code matching:} as its keys: where the terminal, merchant and STAN are read, where a
     * reversal's original STAN is (only when configured) and its original data elements ({@code none}
     * when it has none), e.g. {@code terminal=41 merchant=42 stan=11 originalData=90}.
     */
    static String matching(Matching m) {
        StringBuilder sb = new StringBuilder();
        sb.append("terminal=").append(m.terminal()).append(" merchant=").append(m.merchant()).append(" stan=")
                .append(m.stan());
        if (m.originalStan() != null) {
            sb.append(" originalStan=").append(m.originalStan());
        }
        sb.append(" originalData=").append(m.originalData() == null ? "none" : m.originalData());
        return sb.toString();
    }

    private static void printTable(List<String[]> rows, PrintWriter out) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(r[i]);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }
}
