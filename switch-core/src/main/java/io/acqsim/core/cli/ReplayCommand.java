package io.acqsim.core.cli;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.config.ConfigLoader;
import io.acqsim.core.config.ListenerConfig;
import io.acqsim.testkit.replay.Capture;
import io.acqsim.testkit.replay.Replayer;
import io.acqsim.testkit.replay.TestCard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code acqsim replay FILE}: the requests of a capture sent again, each response compared field by
 * field with the captured one; a summary counts matches and differences.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send the requests of a capture to a host in order and compare each response field by field "
                + "with the captured one.",
                "FILE: a hex dump (one frame per line, with or without its length prefix; # starts a comment), "
                        + "acqsim's own --trace output, or a pcap file (TCP payloads; pcapng: convert with editcap -F pcap).",
                "Masked card data (a trace's PAN and tracks) is replaced by a test card: the masked digits become 0 "
                        + "(BIN and last four kept), or --card for every masked PAN."},
        footer = {"", "Exit codes: 0 every response matched, 1 some differed (or did not come), 2 usage error or a "
                + "capture that cannot be read.",
                "", "Examples:",
                "  acqsim replay session.trace --target 127.0.0.1:8585 --ignore 7,37,38",
                "  acqsim replay terminal.pcap --dialect cup-pos --target 10.0.0.5:8583 --card 6222020000000001"})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    AcqsimCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "The capture.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "hex, trace or pcap (default: by the file's content).")
    String format;

    @Option(names = "--target", paramLabel = "HOST:PORT", converter = Target.Converter.class,
            description = "Where to replay (default: the listener's port from --config, on 127.0.0.1).")
    Target target;

    @Option(names = "--listener", paramLabel = "NAME",
            description = "A listener of the configuration (--config): its port and dialect.")
    String listener;

    @Option(names = "--dialect", paramLabel = "DIALECT", completionCandidates = SendCommand.DialectNames.class,
            description = "The capture's dialect: ${COMPLETION-CANDIDATES} (default: the listener's, else iso87-ascii).")
    String dialectName;

    @Option(names = "--ignore", split = ",", paramLabel = "FIELD",
            description = "Fields that always differ and are not compared, e.g. 7,37,38.")
    List<Integer> ignore = List.of();

    @Option(names = "--card", paramLabel = "PAN",
            description = "Test card put in every masked PAN (default: the masked digits become 0).")
    String card;

    @Option(names = "--expiry", defaultValue = "4912", paramLabel = "YYMM",
            description = "Expiry put in masked track data (default: ${DEFAULT-VALUE}).")
    String expiry;

    @Option(names = "--timeout", defaultValue = "10s", converter = SendCommand.DurationConverter.class,
            description = "How long to wait for each response (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--silence", defaultValue = "1s", converter = SendCommand.DurationConverter.class,
            description = "How long to listen to a host in another process when the capture holds no response "
                    + "(default: ${DEFAULT-VALUE}); a host in this JVM is judged by its own record of the request.")
    Duration silence;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (card != null && !card.matches("\\d{12,19}")) {
            throw usage("--card '" + card + "' must be 12 to 19 digits");
        }
        if (!expiry.matches("\\d{4}")) {
            throw usage("--expiry '" + expiry + "' must be YYMM");
        }
        for (int f : ignore) {
            if (f < 0 || f > 128) {
                throw usage("--ignore " + f + ": field numbers are 0 to 128");
            }
        }
        if (!Files.isRegularFile(file)) {
            throw usage("FILE " + file + ": no such file");
        }
        ListenerConfig l = listener == null ? null : listenerConfig();
        Dialect dialect;
        try {
            dialect = SendCommand.dialect(dialectName != null ? dialectName : l != null ? l.dialect() : "iso87-ascii",
                    configIfReadable());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        String host = target != null ? target.host() : "127.0.0.1";
        int port = target != null ? target.port() : l != null && l.port() != null ? l.port()
                : defaultPort(dialect);
        List<Capture.Exchange> exchanges;
        try {
            Capture.Format f = format == null ? Capture.detect(file) : format(format);
            exchanges = Capture.exchanges(Capture.frames(file, f, dialect), dialect);
            out.printf("replaying %d request(s) of %s (%s, %s) to %s:%d%s%n", exchanges.size(), file,
                    f.name().toLowerCase(), dialect.name(), host, port,
                    ignore.isEmpty() ? "" : ", ignoring " + ignore);
        } catch (IOException | IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (exchanges.isEmpty()) {
            throw usage(file + ": no " + dialect.name() + " request found in it (wrong --dialect or --format?)");
        }
        Set<Integer> ignored = new LinkedHashSet<>(ignore);
        try {
            Replayer.Report r = new Replayer(dialect, host, port, ignored, new TestCard(card, expiry), timeout, silence,
                    out).replay(exchanges);
            return r.differed() == 0 ? 0 : 1;
        } catch (IOException e) {
            spec.commandLine().getErr().printf("acqsim replay: %s:%d: %s%n", host, port, e.getMessage());
            return 2;
        }
    }

    private static Capture.Format format(String name) {
        try {
            return Capture.Format.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format '" + name + "' is not one of [hex, trace, pcap]");
        }
    }

    private ListenerConfig listenerConfig() {
        AcqsimConfig cfg;
        try {
            cfg = ConfigLoader.load(parent.config);
        } catch (ConfigException e) {
            throw usage("--listener needs the configuration: " + e.getMessage());
        }
        ListenerConfig l = cfg.listeners().get(listener);
        if (l == null) {
            throw usage("--listener '" + listener + "' is not a listener of " + parent.config + " (one of "
                    + cfg.listeners().keySet() + ")");
        }
        return l;
    }

    private static int defaultPort(Dialect d) {
        return SendCommand.DEFAULT_PORTS.getOrDefault(d.name(), 8585);
    }

    private AcqsimConfig configIfReadable() {
        try {
            return ConfigLoader.load(parent.config);
        } catch (ConfigException e) {
            return null;
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
