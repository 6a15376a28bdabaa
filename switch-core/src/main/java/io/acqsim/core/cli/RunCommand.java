package io.acqsim.core.cli;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigLoader;
import io.acqsim.core.config.ListenerConfig;
import io.acqsim.core.config.YamlMerge;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.testkit.AdminHttp;
import io.acqsim.testkit.Scenario;
import io.acqsim.testkit.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code acqsim run FILE...}: scenario files against a host, one line per step, a summary, exit 0
 * only when every check passed.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run scenario files (README \"Scenario files\") and print one line per step and a summary.",
                "Without --target, each file gets its own host started in this process with --config (and the "
                        + "file's 'config:' knobs) on free ports; with --target, the files run against that host."},
        footer = {"", "Exit codes: 0 every check passed, 1 a check failed, 2 usage error or a file that cannot be read.",
                "", "Examples:",
                "  acqsim run switch-core/src/test/resources/scenarios",
                "  acqsim run --target 10.0.0.5:8585 --admin http://10.0.0.5:8580 my-scenario.yaml"})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AcqsimCommand parent;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files, or folders of *.yaml files.")
    List<Path> files;

    @Option(names = "--target", paramLabel = "HOST:PORT", converter = Target.Converter.class,
            description = "A running host's listener to send to (default: start a host per file).")
    Target target;

    @Option(names = "--dialect", paramLabel = "DIALECT",
            description = "Dialect to speak instead of the file's 'dialect:' (known: ${COMPLETION-CANDIDATES}).",
            completionCandidates = SendCommand.DialectNames.class)
    String dialect;

    @Option(names = "--listener", paramLabel = "NAME",
            description = "Without --target: the listener of the started host to use (default: the one speaking the file's dialect).")
    String listener;

    @Option(names = "--admin", paramLabel = "URL",
            description = "The target host's admin API, for accounts, balances and the journal "
                    + "(default with --target: http://HOST:8580).")
    String admin;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:ACQSIM_ADMIN_TOKEN}",
            description = "Bearer token of the admin API, if it has one (default: $ACQSIM_ADMIN_TOKEN).")
    String adminToken;

    @Option(names = "--timeout", defaultValue = "10s", converter = SendCommand.DurationConverter.class,
            description = "How long to wait for each response (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--silence", paramLabel = "DURATION", defaultValue = "2s", converter = SendCommand.DurationConverter.class,
            description = {"With --target on a host in another process: how long a noResponse step listens before "
                    + "taking silence as no response (default: ${DEFAULT-VALUE}). A host this command starts (or one "
                    + "running in the same JVM) is not judged by silence: its own record of the requests it did not "
                    + "answer decides, waited for up to --timeout."})
    Duration silence;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> scenarios = new ArrayList<>();
        for (Path f : files) {
            scenarios.addAll(expand(f));
        }
        if (dialect != null) {
            dialectNamed(dialect);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout " + io.acqsim.core.config.Durations.format(timeout) + ": must be positive");
        }
        if (silence.isZero() || silence.isNegative()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--silence " + io.acqsim.core.config.Durations.format(silence) + ": must be positive");
        }
        ScenarioRunner runner = new ScenarioRunner(out, timeout, silence);
        int passed = 0;
        List<String> failed = new ArrayList<>();
        for (Path file : scenarios) {
            Scenario s;
            try {
                s = Scenario.read(file);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            ScenarioRunner.Result r = target != null ? runAgainstTarget(runner, file, s, out)
                    : runOnOwnHost(runner, file, s);
            if (r.passed()) {
                passed++;
            } else {
                failed.add(file + ": " + r.firstFailure());
            }
        }
        out.printf("%d scenario file(s): %d passed, %d failed%n", scenarios.size(), passed, failed.size());
        failed.forEach(f -> out.printf("  FAIL %s%n", f));
        out.flush();
        return failed.isEmpty() ? 0 : 1;
    }

    private ScenarioRunner.Result runAgainstTarget(ScenarioRunner runner, Path file, Scenario s, PrintWriter out) {
        Dialect d = dialectNamed(dialect != null ? dialect : s.dialect());
        if (s.config() != null && !s.config().isBlank()) {
            out.printf("note: %s expects the host configured with: %s%n", file, s.config().strip().replace('\n', ' '));
        }
        String adminUrl = admin != null ? admin : "http://" + target.host() + ":8580";
        return runner.run(file.toString(), s,
                new ScenarioRunner.Target(target.host(), target.port(), d, new AdminHttp(adminUrl, adminToken))
                        .withAnswersIfInProcess());
    }

    private ScenarioRunner.Result runOnOwnHost(ScenarioRunner runner, Path file, Scenario s) {
        Dialect d = dialectNamed(dialect != null ? dialect : s.dialect());
        AcqsimConfig cfg = hostConfig(s);
        String name = listener != null ? listener : listenerFor(cfg, d.name());
        try (Quiet quiet = new Quiet(); AcqsimServer server = AcqsimServer.start(cfg)) {
            return runner.run(file.toString(), s, new ScenarioRunner.Target("127.0.0.1", server.port(name), d,
                    new AdminHttp("http://127.0.0.1:" + server.adminPort(), cfg.admin().resolvedToken()),
                    server.traffic(name).answers()));
        }
    }

    /**
     * While a host runs inside the command, its own log (start-up lines, the transaction log) stays
     * out of the report: warnings and errors only.
     */
    private static final class Quiet implements AutoCloseable {
        private final List<ch.qos.logback.classic.Logger> loggers = new ArrayList<>();
        private final List<ch.qos.logback.classic.Level> levels = new ArrayList<>();

        Quiet() {
            for (String name : List.of("io.acqsim", "acqsim.tx")) {
                if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger l) {
                    loggers.add(l);
                    levels.add(l.getLevel());
                    l.setLevel(ch.qos.logback.classic.Level.WARN);
                }
            }
        }

        @Override
        public void close() {
            for (int i = 0; i < loggers.size(); i++) {
                loggers.get(i).setLevel(levels.get(i));
            }
        }
    }

    private AcqsimConfig hostConfig(Scenario s) {
        Path config = parent.config;
        try {
            String yaml = Files.readString(config);
            if (s.config() != null && !s.config().isBlank()) {
                yaml = YamlMerge.merge(yaml, s.config());
            }
            return ConfigLoader.parse(yaml, config.toString(), config.toAbsolutePath().getParent()).onEphemeralPorts();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--config " + config + ": cannot read (" + e.getMessage() + "); give --config FILE or --target HOST:PORT");
        }
    }

    private String listenerFor(AcqsimConfig cfg, String dialectName) {
        for (Map.Entry<String, ListenerConfig> e : cfg.listeners().entrySet()) {
            if (e.getValue().enabled() && e.getValue().dialect().equals(dialectName)) {
                return e.getKey();
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "no listener of " + parent.config
                + " speaks " + dialectName + " (listeners: " + cfg.listeners().keySet() + "); give --listener");
    }

    private Dialect dialectNamed(String name) {
        AcqsimConfig cfg;
        try {
            cfg = ConfigLoader.load(parent.config);
        } catch (RuntimeException e) {
            cfg = null;
        }
        try {
            return SendCommand.dialect(name, cfg);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<Path> expand(Path f) {
        if (Files.isDirectory(f)) {
            try (Stream<Path> walk = Files.walk(f)) {
                return walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                        .toList();
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), f + ": " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(f)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "FILE " + f + ": no such file or folder");
        }
        return List.of(f);
    }
}
