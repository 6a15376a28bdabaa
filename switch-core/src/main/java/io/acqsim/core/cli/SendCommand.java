package io.acqsim.core.cli;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.emv.CryptogramVersion;
import io.acqsim.codec.field.Masking;
import io.acqsim.core.chip.ChipCard;
import io.acqsim.core.chip.IssuerKeys;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.config.ConfigLoader;
import io.acqsim.core.config.Durations;
import io.acqsim.core.config.ListenerConfig;
import io.acqsim.testkit.Terminal;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jpos.iso.ISOMsg;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code acqsim send}: one transaction of the dialect's catalogue to a running acqsim (or any host
 * speaking a supported dialect), printed with its response as a masked field table. Exit codes:
 * 0 answered the expected code, 1 answered another, 2 usage, connection or protocol error, 3 no
 * answer (timeout or connection closed).
 */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send one transaction and print the request and response (card data masked).",
                "KIND, ISO 1987 dialects: sign-on, sign-off, echo, key-exchange, sale, auth, balance, completion, "
                        + "void, refund, reversal, advice, settlement.",
                "KIND, cup-pos: sign-on, echo, sale, auth, auth-cancel, balance, completion, completion-void, void, "
                        + "refund, reversal, settlement (a CUP terminal signs on first; --no-sign-on skips it)."},
        footer = {"", "Exit codes: 0 the answer carried the expected DE39 (--expect, default 00), 1 another code, "
                + "2 usage or connection error or a response that does not decode, 3 no answer within the timeout "
                + "(or the host hung up).",
                "", "Examples:",
                "  acqsim send sale --pan 4111111111111111 --amount 12.34 --stan 123",
                "  acqsim send reversal --pan 4111111111111111 --amount 12.34 --stan 123",
                "  acqsim send void --rrn 000000000001 --pan 4111111111111111 --amount 12.34",
                "  acqsim send sale --pan 4000000000000002 --amount 5 --expect 51",
                "  acqsim send sale --listener cup-pos --pan 6222020000000001 --amount 1 --field 22=051",
                "  acqsim send echo --target 10.0.0.5:9001 --dialect iso87-binary"})
public final class SendCommand implements Callable<Integer> {
    static final int EXPECTED = 0;
    static final int OTHER_CODE = 1;
    static final int ERROR = 2;
    static final int NO_ANSWER = 3;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    static final Map<String, Integer> DEFAULT_PORTS = Map.of("cup-pos", 8583, "iso87-binary", 8584,
            "iso87-ascii", 8585, "iso93-ascii", 8586, "iso87-ebcdic", 8587);

    /** Default STANs: from the clock, then counting, so that two sends in one process never share one. */
    private static final java.util.concurrent.atomic.AtomicLong NEXT_STAN =
            new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis() / 10 % 1_000_000);

    @Spec
    CommandSpec spec;

    @ParentCommand
    AcqsimCommand parent;

    @Parameters(index = "0", paramLabel = "KIND", description = "The transaction (see above).")
    String kind;

    @Option(names = "--target", paramLabel = "HOST:PORT", converter = Target.Converter.class,
            description = "Where to send (default: the listener's port from --config, on 127.0.0.1).")
    Target target;

    @Option(names = "--listener", paramLabel = "NAME",
            description = "A listener of the configuration (--config): its port and dialect (default: the dialect's name).")
    String listener;

    @Option(names = "--dialect", paramLabel = "DIALECT", completionCandidates = DialectNames.class,
            description = "One of ${COMPLETION-CANDIDATES} (default: the listener's, else iso87-ascii).")
    String dialectName;

    @Option(names = "--host", hidden = true, description = "Host (prefer --target).")
    String host;

    @Option(names = "--port", hidden = true, description = "Port (prefer --target).")
    Integer port;

    @Option(names = "--pan", description = "Card number (DE2).")
    String pan;

    @Option(names = "--amount", description = "Amount in major units with up to 2 decimals, e.g. 12.34 (DE4).")
    String amount;

    @Option(names = "--stan", description = "DE11 (default: from the clock); for a reversal or advice the original's STAN.")
    String stan;

    @Option(names = "--rrn", description = "The original's retrieval reference number (DE37): void, refund, completion.")
    String rrn;

    @Option(names = "--auth-code", description = "The original's approval code (DE38): completion.")
    String authCode;

    @Option(names = "--orig-stan", description = "The original's STAN: CUP void, auth-cancel, completion-void, refund "
            + "(DE61.2); ISO reversal/advice by DE90.")
    String origStan;

    @Option(names = "--batch", defaultValue = "000001", description = "CUP batch number DE60.2 (default: ${DEFAULT-VALUE}).")
    String batch;

    @Option(names = "--orig-batch", description = "CUP: the original's batch DE61.1 (default: --batch).")
    String origBatch;

    @Option(names = "--orig-date", description = "CUP: the original's date MMDD DE61.3 (default: today).")
    String origDate;

    @Option(names = "--terminal", defaultValue = "00000001", description = "DE41 (default: ${DEFAULT-VALUE}).")
    String terminal;

    @Option(names = "--merchant", defaultValue = "123456789012345", description = "DE42 (default: ${DEFAULT-VALUE}).")
    String merchant;

    @Option(names = "--currency", defaultValue = "156", description = "DE49 (default: ${DEFAULT-VALUE}).")
    String currency;

    @Option(names = {"-f", "--field"}, paramLabel = "N=VALUE",
            description = "Set any field (repeatable): N=VALUE, N=hex:0A1B for a binary field, N=- to leave it out.")
    List<String> fields = new ArrayList<>();

    @Option(names = "--expect", paramLabel = "CODE",
            description = "The DE39 that counts as success for the exit status (default: 00; on ISO 8583:1993 "
                    + "000, 800 for network management, 500 for settlement).")
    String expect;

    @Option(names = "--emv", arity = "0..1", fallbackValue = "visa18", paramLabel = "VERSION",
            description = "Chip: DE55 with an ARQC the configured IMK-AC (emv.imkAc) verifies; VERSION is one of "
                    + "visa10, visa18 (default), visa22, mc16, mc17, mc20, mc21. The response's tag 91 is checked "
                    + "as the card would.")
    String emv;

    @Option(names = "--pin", paramLabel = "DIGITS",
            description = "DE52: an ISO 9564 format-0 PIN block under keys.tpk (CUP: mac.pik) of the configuration.")
    String pin;

    @Option(names = "--no-sign-on", description = "CUP: do not sign on before the transaction.")
    boolean noSignOn;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for the response, e.g. 500ms, 10s (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** Reads {@code 250ms}, {@code 10s}, {@code 1m}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The dialect names, for help and errors. */
    static final class DialectNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Dialects.all().stream().map(Dialect::name).iterator();
        }
    }

    private record Destination(Dialect dialect, String host, int port) {
    }

    /** What {@code --emv} sent: the card, to check the answer's ARPC, and its DE55. */
    private record Chip(ChipCard card, byte[] de55) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Destination to;
        IsoFrame request;
        Chip chip;
        try {
            to = destination();
            request = Catalogue.build(kind, to.dialect(), options());
            chip = chip(request, to.dialect());
            applyFields(request.msg());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        String success = Catalogue.approvedCode(kind, to.dialect());
        if (expect == null) {
            expect = success;
        }
        if (!expect.matches("[0-9A-Za-z]{2,3}")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--expect '" + expect + "' is not a response code (2 or 3 characters, e.g. 00, 51, A0)");
        }
        Dialect dialect = to.dialect();
        out.printf("%s %s to %s:%d (%s)%n", request.msg().getString(0), kind, to.host(), to.port(), dialect.name());
        table(out, request.msg());
        long start;
        byte[] body;
        try (Terminal t = new Terminal(dialect, to.host(), to.port(), timeout)) {
            if (dialect.isCup() && !noSignOn && !kind.equals("sign-on") && !kind.equals("echo")) {
                signOnFirst(out, t, dialect);
            }
            start = System.nanoTime();
            t.send(request);
            body = t.receive();
        } catch (SocketTimeoutException e) {
            out.printf("no response within %s%n", Durations.format(timeout));
            out.flush();
            return NO_ANSWER;
        } catch (EOFException e) {
            out.println("the host closed the connection without a response");
            out.flush();
            return NO_ANSWER;
        } catch (IOException | CodecException e) {
            spec.commandLine().getErr().printf("acqsim send: %s:%d: %s%n", to.host(), to.port(), e.getMessage());
            out.flush();
            return ERROR;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        ISOMsg rsp;
        try {
            rsp = dialect.decode(body).msg();
        } catch (CodecException e) {
            out.printf("response after %d ms does not decode: %s%n  frame %s%n", ms, e.getMessage(), Masking.hex(body));
            out.flush();
            return ERROR;
        }
        out.printf("%s response after %d ms%n", rsp.getString(0), ms);
        table(out, rsp);
        String code = rsp.getString(39);
        boolean approved = success.equals(code);
        if (chip != null && chip.de55() != null) {
            if (chip.card().acceptsIssuerAuthentication(chip.de55(), rsp.getBytes(55))) {
                out.println("card: tag 91 verifies: the card accepts the issuer's answer at its second GENERATE AC");
            } else if (approved) {
                out.println("card: no valid ARPC in tag 91: the card declines at its second GENERATE AC "
                        + "and the terminal must reverse the approved transaction");
            } else {
                out.println("card: no valid ARPC in tag 91");
            }
        }
        boolean expected = expect.equals(code);
        out.printf("result: %s%s%s%n", code == null ? "no DE39" : code, approved ? " approved" : " declined",
                expect.equals(success) ? "" : expected ? " (as expected)" : " (expected " + expect + ")");
        out.flush();
        return expected ? EXPECTED : OTHER_CODE;
    }

    /** A CUP terminal signs on (60.3 = 003) before its first transaction; the answer is printed in one line. */
    private void signOnFirst(PrintWriter out, Terminal t, Dialect dialect) throws IOException, CodecException {
        Catalogue.Options o = options();
        String signOnStan = String.format("%06d", (Long.parseLong(o.stan()) + 999_999) % 1_000_000);
        IsoFrame signOn = Catalogue.build("sign-on", dialect, new Catalogue.Options(null, null, signOnStan, null, null,
                null, o.batch(), null, null, o.terminal(), o.merchant(), o.currency(), true));
        ISOMsg r = t.exchange(signOn).msg();
        out.printf("signed on first: %s 39=%s (--no-sign-on skips this)%n", r.getString(0), r.getString(39));
    }

    private Destination destination() {
        AcqsimConfig cfg = null;
        ListenerConfig l = null;
        String name = listener;
        if (target == null && port == null || listener != null) {
            cfg = configIfReadable(listener != null);
            if (cfg != null) {
                if (name == null) {
                    name = dialectName != null ? listenerSpeaking(cfg, dialectName) : "iso87-ascii";
                }
                l = name == null ? null : cfg.listeners().get(name);
                if (l == null && listener != null) {
                    throw new IllegalArgumentException("--listener '" + listener + "' is not a listener of "
                            + parent.config + " (one of " + cfg.listeners().keySet() + ")");
                }
            }
        }
        String dn = dialectName != null ? dialectName : l != null ? l.dialect() : "iso87-ascii";
        Dialect d = dialect(dn, cfg != null ? cfg : configIfReadable(false));
        if (target != null) {
            return new Destination(d, target.host(), target.port());
        }
        String h = host != null ? host : "127.0.0.1";
        if (port != null) {
            return new Destination(d, h, port);
        }
        if (l != null && l.port() != null && l.port() != 0) {
            return new Destination(d, h, l.port());
        }
        return new Destination(d, h, DEFAULT_PORTS.getOrDefault(d.name(), 8585));
    }

    /** A built-in dialect, or one the configuration declares under {@code dialects:}. */
    static Dialect dialect(String name, AcqsimConfig cfg) {
        return dialect(name, cfg, "");
    }

    /**
     * A dialect the configuration declares under {@code dialects:} (which may redefine a built-in),
     * else the built-in of that name; an unknown name lists the known ones, and {@code noConfigHint}
     * is added when there is no configuration.
     */
    public static Dialect dialect(String name, AcqsimConfig cfg, String noConfigHint) {
        if (cfg != null) {
            Dialect d = cfg.dialectsByName().get(name);
            if (d != null) {
                return d;
            }
        }
        try {
            return Dialects.byName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--dialect: " + e.getMessage()
                    + (cfg == null ? noConfigHint : "; the configuration speaks " + cfg.dialectsByName().keySet()));
        }
    }

    private AcqsimConfig configIfReadable(boolean required) {
        try {
            return ConfigLoader.load(parent.config);
        } catch (ConfigException e) {
            if (required) {
                throw new IllegalArgumentException("--listener needs the configuration: " + e.getMessage());
            }
            return null;
        }
    }

    private static String listenerSpeaking(AcqsimConfig cfg, String dialect) {
        if (cfg.listeners().containsKey(dialect)) {
            return dialect;
        }
        for (Map.Entry<String, ListenerConfig> e : cfg.listeners().entrySet()) {
            if (dialect.equals(e.getValue().dialect())) {
                return e.getKey();
            }
        }
        return null;
    }

    Catalogue.Options options() {
        String trace = stan != null ? digits("--stan", stan, 6) : String.format("%06d", NEXT_STAN.getAndIncrement() % 1_000_000);
        if (pan != null && !pan.matches("\\d{12,19}")) {
            throw new IllegalArgumentException("--pan '" + pan + "' must be 12 to 19 digits");
        }
        if (origDate != null && !origDate.matches("\\d{4}")) {
            throw new IllegalArgumentException("--orig-date '" + origDate + "' must be MMDD");
        }
        return new Catalogue.Options(pan, amount == null ? null : minorUnits(amount), trace, rrn, authCode,
                origStan == null ? null : digits("--orig-stan", origStan, 6), digits("--batch", batch, 6),
                origBatch == null ? null : digits("--orig-batch", origBatch, 6), origDate, terminal, merchant,
                currency, stan != null);
    }

    /** {@code --emv} and {@code --pin}: DE55 and DE52 from the configuration's test keys. */
    private Chip chip(IsoFrame request, Dialect dialect) {
        if (emv == null && pin == null) {
            return null;
        }
        if (pan == null) {
            throw new IllegalArgumentException((emv != null ? "--emv" : "--pin") + " needs --pan");
        }
        AcqsimConfig cfg = configIfReadable(false);
        if (cfg == null) {
            cfg = AcqsimConfig.defaults();
        }
        CryptogramVersion version = emv == null ? CryptogramVersion.VISA_18 : version(emv);
        byte[] imk = new IssuerKeys(cfg.emv().imkAc()).imkFor(pan);
        if (imk == null) {
            throw new IllegalArgumentException("--emv: no emv.imkAc key for the BIN of --pan");
        }
        ChipCard card = new ChipCard(imk, pan, version);
        ISOMsg m = request.msg();
        byte[] de55 = null;
        if (emv != null) {
            if (amount == null) {
                throw new IllegalArgumentException("--emv needs --amount (the ARQC covers it)");
            }
            de55 = card.request(minorUnits(amount), currency, java.time.LocalDate.now(),
                    (int) (System.currentTimeMillis() / 1000 % 65_000) + 1);
            m.set(55, de55);
            m.set(22, "051");
        }
        if (pin != null) {
            if (!pin.matches("\\d{4,12}")) {
                throw new IllegalArgumentException("--pin must be 4 to 12 digits");
            }
            m.set(52, card.pinBlock(pin, HEX.parseHex(dialect.hasCupHeader() ? cfg.mac().pik() : cfg.keys().tpk())));
        }
        return new Chip(card, de55);
    }

    private static CryptogramVersion version(String name) {
        return switch (name) {
            case "visa10" -> CryptogramVersion.VISA_10;
            case "visa18" -> CryptogramVersion.VISA_18;
            case "visa22" -> CryptogramVersion.VISA_22;
            case "mc16" -> CryptogramVersion.MASTERCARD_16;
            case "mc17" -> CryptogramVersion.MASTERCARD_17;
            case "mc20" -> CryptogramVersion.MASTERCARD_20;
            case "mc21" -> CryptogramVersion.MASTERCARD_21;
            default -> throw new IllegalArgumentException("--emv '" + name
                    + "' is not one of visa10, visa18, visa22, mc16, mc17, mc20, mc21");
        };
    }

    private void applyFields(ISOMsg m) {
        for (String f : fields) {
            int eq = f.indexOf('=');
            int n;
            try {
                n = eq <= 0 ? -1 : Integer.parseInt(f.substring(0, eq));
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0 || n > 128 || n == 1) {
                throw new IllegalArgumentException("--field '" + f + "': expected N=VALUE with N a field number "
                        + "0 or 2 to 128 (VALUE '-' leaves the field out, 'hex:...' gives bytes)");
            }
            String v = f.substring(eq + 1);
            if (v.equals("-")) {
                m.unset(n);
            } else if (v.startsWith("hex:")) {
                try {
                    m.set(n, HEX.parseHex(v.substring(4)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--field '" + f + "': '" + v.substring(4) + "' is not hex");
                }
            } else {
                m.set(n, v);
            }
        }
    }

    private static void table(PrintWriter out, ISOMsg m) {
        out.printf("  %-5s %s%n", "field", "value");
        out.printf("  %-5s %s%n", "MTI", m.getString(0));
        for (int i = 2; i <= m.getMaxField(); i++) {
            if (m.hasField(i)) {
                out.printf("  %-5d %s%n", i, Masking.field(m, i));
            }
        }
    }

    /** {@code 12.34} → 1234; at most two decimals, not negative. */
    static long minorUnits(String major) {
        try {
            BigDecimal v = new BigDecimal(major);
            if (v.signum() < 0 || v.scale() > 2) {
                throw new IllegalArgumentException("--amount '" + major + "' must be positive with at most 2 decimals");
            }
            return v.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("--amount '" + major + "' is not an amount like 12.34");
        }
    }

    private static String digits(String option, String value, int width) {
        if (!value.matches("\\d{1," + width + "}")) {
            throw new IllegalArgumentException(option + " '" + value + "' must be up to " + width + " digits");
        }
        return String.format("%0" + width + "d", Long.parseLong(value));
    }
}
