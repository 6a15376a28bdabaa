package io.acqsim.core.cli;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigLoader;
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
 * under {@code dialects:}), with its version, charset, framing and where its layout comes from,
 * and the listeners that speak it. A definition that does not load is a configuration error.
 */
@Command(name = "dialects", mixinStandardHelpOptions = true,
        description = {"Lists every dialect: version, charset, framing, layout source, listeners.",
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
        rows.add(new String[] {"DIALECT", "VERSION", "CHARSET", "FRAMING", "LAYOUT", "CATALOGUE", "LISTENERS"});
        for (Dialect d : dialects.values()) {
            List<String> listeners = new ArrayList<>();
            config.listeners().forEach((name, l) -> {
                if (d.name().equals(l.dialect()) && l.enabled()) {
                    listeners.add(name + ":" + l.port());
                }
            });
            rows.add(new String[] {d.name(), String.valueOf(d.version()), d.charset().configName(),
                    d.framing().describe(), d.layoutSource(),
                    d.isCup() ? "China UnionPay" : d.is1993() ? "ISO 8583:1993" : "ISO 8583:1987",
                    listeners.isEmpty() ? "-" : String.join(" ", listeners)});
        }
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
