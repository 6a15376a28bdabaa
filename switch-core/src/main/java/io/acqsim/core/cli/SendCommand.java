package io.acqsim.core.cli;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.field.Masking;
import io.acqsim.codec.framing.CupHeader;
import io.acqsim.codec.framing.Tpdu;
import io.acqsim.core.config.Durations;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jpos.iso.ISOMsg;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code acqsim send}: one message to a running acqsim (or any host speaking a supported dialect),
 * printed with its response as a masked field table. Exit codes: 0 answered 00, 1 answered with
 * another code, 2 usage, connection or protocol error, 3 no answer (timeout or connection closed).
 */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send one message and print the request and response (card data masked).",
                "KIND: sale, void, reversal or echo."},
        footer = {"", "Exit codes: 0 approved (or echo answered), 1 declined, 2 usage or connection error or a "
                + "response that does not decode, 3 no answer within the timeout (or the host hung up).",
                "", "Examples:",
                "  acqsim send sale --pan 4111111111111111 --amount 12.34 --stan 123",
                "  acqsim send reversal --pan 4111111111111111 --amount 12.34 --stan 123",
                "  acqsim send void --rrn 000000000001 --pan 4111111111111111 --amount 12.34",
                "  acqsim send echo --dialect cup-pos"})
public final class SendCommand implements Callable<Integer> {
    static final int APPROVED = 0;
    static final int DECLINED = 1;
    static final int ERROR = 2;
    static final int NO_ANSWER = 3;
    private static final List<String> KINDS = List.of("sale", "void", "reversal", "echo");
    private static final Tpdu TPDU = new Tpdu(0x60, 0x0006, 0x0000);
    private static final CupHeader CUP_HEADER = CupHeader.ofHex("603100311003");
    private static final DateTimeFormatter DE7 = DateTimeFormatter.ofPattern("MMddHHmmss", Locale.ROOT);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "sale, void, reversal or echo")
    String kind;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", description = "Port (default by dialect: cup-pos 8583, iso87-binary 8584, "
            + "iso87-ascii 8585).")
    Integer port;

    @Option(names = "--dialect", defaultValue = "iso87-ascii",
            description = "cup-pos, iso87-binary or iso87-ascii (default: ${DEFAULT-VALUE}).")
    String dialectName;

    @Option(names = "--pan", description = "Card number (DE2).")
    String pan;

    @Option(names = "--amount", description = "Amount in major units with up to 2 decimals, e.g. 12.34 (DE4).")
    String amount;

    @Option(names = "--stan", description = "DE11; for a reversal the original's STAN (default: from the clock).")
    String stan;

    @Option(names = "--rrn", description = "void (ISO): the original's retrieval reference number (DE37).")
    String rrn;

    @Option(names = "--orig-stan", description = "void (CUP): the original's STAN (DE61.2).")
    String origStan;

    @Option(names = "--batch", defaultValue = "000001",
            description = "CUP batch number DE60.2; for a CUP void also the original's batch DE61.1 "
                    + "(default: ${DEFAULT-VALUE}).")
    String batch;

    @Option(names = "--terminal", defaultValue = "00000001", description = "DE41 (default: ${DEFAULT-VALUE}).")
    String terminal;

    @Option(names = "--merchant", defaultValue = "123456789012345", description = "DE42 (default: ${DEFAULT-VALUE}).")
    String merchant;

    @Option(names = "--currency", defaultValue = "156", description = "DE49 (default: ${DEFAULT-VALUE}).")
    String currency;

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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Dialect dialect;
        IsoFrame request;
        try {
            dialect = Dialects.byName(dialectName);
            request = build(dialect);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        int to = port != null ? port : defaultPort(dialect);
        out.printf("%s %s to %s:%d (%s)%n", request.msg().getString(0), kind, host, to, dialect.name());
        table(out, request.msg());
        long start = System.nanoTime();
        byte[] body;
        try (TerminalClient client = new TerminalClient(dialect, host, to, timeout)) {
            client.send(request);
            body = client.receive();
        } catch (SocketTimeoutException e) {
            out.printf("no response within %s%n", Durations.format(timeout));
            out.flush();
            return NO_ANSWER;
        } catch (EOFException e) {
            out.println("the host closed the connection without a response");
            out.flush();
            return NO_ANSWER;
        } catch (IOException | CodecException e) {
            spec.commandLine().getErr().printf("acqsim send: %s:%d: %s%n", host, to, e.getMessage());
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
        boolean approved = "00".equals(code);
        out.printf("result: %s%s%n", code == null ? "no DE39" : code, approved ? " approved" : " declined");
        out.flush();
        return approved ? APPROVED : DECLINED;
    }

    private static int defaultPort(Dialect d) {
        return switch (d.name()) {
            case "cup-pos" -> 8583;
            case "iso87-binary" -> 8584;
            default -> 8585;
        };
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

    /** The request for {@link #kind}, with the dialect's envelope. */
    IsoFrame build(Dialect d) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown KIND '" + kind + "' (one of " + KINDS + ")");
        }
        boolean cup = d.hasCupHeader();
        ISOMsg m = new ISOMsg();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String trace = stan != null ? digits("--stan", stan, 6) : String.format("%06d", System.currentTimeMillis() / 10 % 1_000_000);
        m.set(11, trace);
        m.set(41, terminal);
        if (!cup) {
            m.set(7, DE7.format(now));
        }
        switch (kind) {
            case "echo" -> {
                m.set(0, "0800");
                if (cup) {
                    m.set(42, merchant);
                    m.set(60, "00" + digits("--batch", batch, 6) + "301");
                } else {
                    m.set(70, "301");
                }
            }
            case "sale" -> {
                m.set(0, "0200");
                card(m, cup);
                m.set(3, "000000");
                if (cup) {
                    m.set(60, "22" + digits("--batch", batch, 6) + "000");
                }
            }
            case "void" -> {
                m.set(0, "0200");
                card(m, cup);
                m.set(3, cup ? "200000" : "020000");
                if (cup) {
                    if (origStan == null) {
                        throw new IllegalArgumentException("a CUP void needs --orig-stan (and --batch of the original)");
                    }
                    m.set(60, "23" + digits("--batch", batch, 6) + "000");
                    m.set(61, digits("--batch", batch, 6) + digits("--orig-stan", origStan, 6));
                    if (rrn != null) {
                        m.set(37, rrn);
                    }
                } else {
                    if (rrn == null) {
                        throw new IllegalArgumentException("a void needs --rrn, the original's DE37");
                    }
                    m.set(37, rrn);
                }
            }
            default -> {
                if (stan == null) {
                    throw new IllegalArgumentException("a reversal needs --stan, the original's STAN");
                }
                m.set(0, "0400");
                card(m, cup);
                m.set(3, "000000");
                if (cup) {
                    m.set(39, "98");
                    m.set(60, "22" + digits("--batch", batch, 6) + "000");
                }
            }
        }
        return new IsoFrame(d.hasTpdu() ? TPDU : null, cup ? CUP_HEADER : null, m);
    }

    private void card(ISOMsg m, boolean cup) {
        if (pan == null || !pan.matches("\\d{12,19}")) {
            throw new IllegalArgumentException(kind + " needs --pan, 12 to 19 digits");
        }
        if (amount == null) {
            throw new IllegalArgumentException(kind + " needs --amount, e.g. 12.34");
        }
        m.set(2, pan);
        m.set(4, String.format("%012d", minorUnits(amount)));
        m.set(22, "021");
        m.set(25, "00");
        m.set(42, merchant);
        m.set(49, currency);
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
