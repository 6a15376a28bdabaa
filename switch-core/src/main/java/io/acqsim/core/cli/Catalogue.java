package io.acqsim.core.cli;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.testkit.Envelope;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jpos.iso.ISOMsg;

/**
 * What {@code acqsim send} can send: every transaction of a dialect's catalogue (PROTOCOL.md §2),
 * built from the command's options. ISO 1987 dialects and CUP have their own lists.
 */
final class Catalogue {
    static final List<String> ISO = List.of("sign-on", "sign-off", "echo", "key-exchange", "sale", "auth", "balance",
            "completion", "void", "refund", "reversal", "advice", "settlement");
    static final List<String> ISO93 = List.of("sign-on", "sign-off", "echo", "sale", "auth", "balance",
            "completion", "void", "refund", "reversal", "advice", "settlement");
    static final List<String> CUP = List.of("sign-on", "echo", "sale", "auth", "auth-cancel", "balance", "completion",
            "completion-void", "void", "refund", "reversal", "settlement");
    private static final DateTimeFormatter DE7 = DateTimeFormatter.ofPattern("MMddHHmmss", Locale.ROOT);
    /**
     * CUP settlement totals in DE48 (debit amount n12, count n3, credit amount n12, count n3, code
     * n1), all zero unless {@code --field 48=...} gives the terminal's: the host answers with its own.
     */
    static final String ZERO_TOTALS = "0".repeat(31);
    private static final DateTimeFormatter MMDD = DateTimeFormatter.ofPattern("MMdd", Locale.ROOT);

    /** The values a request is built from (the command's options, already checked). */
    record Options(String pan, Long amount, String stan, String rrn, String authCode, String origStan,
                   String batch, String origBatch, String origDate, String terminal, String merchant,
                   String currency, boolean stanGiven) {
    }

    private Catalogue() {
    }

    /**
     * The DE39 of a successful answer: {@code 00}; on ISO 8583:1993 the action codes {@code 800}
     * (network management), {@code 500} (reconciliation in balance) and {@code 000}.
     */
    static String approvedCode(String kind, Dialect d) {
        if (!d.is1993()) {
            return "00";
        }
        return switch (kind) {
            case "sign-on", "sign-off", "echo" -> "800";
            case "settlement" -> "500";
            default -> "000";
        };
    }

    static List<String> kinds(Dialect d) {
        return d.isCup() ? CUP : d.is1993() ? ISO93 : ISO;
    }

    /** The request; an {@link IllegalArgumentException} names a missing option or a kind the dialect lacks. */
    static IsoFrame build(String kind, Dialect d, Options o) {
        if (!kinds(d).contains(kind)) {
            throw new IllegalArgumentException("KIND '" + kind + "' is not in the " + d.name() + " catalogue (one of "
                    + kinds(d) + ")");
        }
        return d.isCup() ? cup(kind, d, o) : iso(kind, d, o);
    }

    private static IsoFrame iso(String kind, Dialect d, Options o) {
        String mti = switch (kind) {
            case "sign-on", "sign-off", "echo", "key-exchange" -> "0800";
            case "auth" -> "0100";
            case "completion" -> "0220";
            case "reversal" -> "0400";
            case "advice" -> "0420";
            case "settlement" -> "0500";
            default -> "0200";
        };
        boolean v93 = d.is1993();
        if (v93) { // ISO 8583:1993: the same catalogue in 1xxx MTIs, network management 1804 with DE24
            mti = mti.equals("0800") ? "1804" : "1" + mti.substring(1);
        }
        IsoFrame f = Envelope.request(d, mti);
        ISOMsg m = f.msg();
        m.set(7, DE7.format(ZonedDateTime.now(ZoneOffset.UTC)));
        m.set(11, o.stan());
        m.set(41, o.terminal());
        switch (kind) {
            case "sign-on" -> m.set(v93 ? 24 : 70, v93 ? "801" : "001");
            case "sign-off" -> m.set(v93 ? 24 : 70, v93 ? "802" : "002");
            case "echo" -> m.set(v93 ? 24 : 70, v93 ? "831" : "301");
            case "key-exchange" -> m.set(70, "101");
            case "settlement" -> m.set(42, o.merchant()); // without totals the batch closes unchecked
            case "balance" -> {
                card(m, kind, o, false);
                m.set(3, "310000");
            }
            case "sale", "auth" -> {
                card(m, kind, o, true);
                m.set(3, "000000");
            }
            case "completion" -> {
                card(m, kind, o, true);
                m.set(3, "000000");
                m.set(37, require(o.rrn(), kind, "--rrn, the authorization's DE37"));
                if (o.authCode() != null) {
                    m.set(38, o.authCode());
                }
            }
            case "void" -> {
                card(m, kind, o, true);
                m.set(3, "020000");
                m.set(37, require(o.rrn(), kind, "--rrn, the sale's DE37"));
            }
            case "refund" -> {
                card(m, kind, o, true);
                m.set(3, "200000");
                m.set(37, require(o.rrn(), kind, "--rrn, the sale's DE37"));
            }
            default -> { // reversal, advice: the original's STAN (most terminals reuse it), or DE90 by --orig-stan
                card(m, kind, o, true);
                m.set(3, "000000");
                if (o.origStan() != null) {
                    m.set(90, "0200" + o.origStan() + "0000000000" + "0".repeat(22));
                } else if (o.stanGiven()) {
                    // DE11 is the original's
                } else {
                    throw new IllegalArgumentException("a " + kind + " needs --stan, the original's STAN (or --orig-stan)");
                }
            }
        }
        return f;
    }

    private static IsoFrame cup(String kind, Dialect d, Options o) {
        String mti = switch (kind) {
            case "sign-on", "echo" -> "0800";
            case "auth", "auth-cancel" -> "0100";
            case "refund" -> "0220";
            case "reversal" -> "0400";
            case "settlement" -> "0500";
            default -> "0200";
        };
        IsoFrame f = Envelope.request(d, mti);
        ISOMsg m = f.msg();
        m.set(11, o.stan());
        m.set(41, o.terminal());
        m.set(42, o.merchant());
        String batch = o.batch();
        String origBatch = o.origBatch() != null ? o.origBatch() : batch;
        String origDate = o.origDate() != null ? o.origDate() : MMDD.format(ZonedDateTime.now());
        switch (kind) {
            case "sign-on" -> m.set(60, "00" + batch + "003");
            case "echo" -> m.set(60, "00" + batch + "301");
            case "settlement" -> {
                m.set(60, "00" + batch + "201");
                m.set(48, ZERO_TOTALS);
            }
            case "balance" -> {
                card(m, kind, o, false);
                m.set(3, "310000");
                m.set(25, "00");
                m.set(60, "01" + batch + "000");
            }
            case "sale" -> {
                card(m, kind, o, true);
                m.set(3, "000000");
                m.set(25, "00");
                m.set(60, "22" + batch + "000");
            }
            case "auth" -> {
                card(m, kind, o, true);
                m.set(3, "030000");
                m.set(25, "06");
                m.set(60, "10" + batch + "000");
            }
            case "auth-cancel" -> {
                card(m, kind, o, true);
                m.set(3, "200000");
                m.set(25, "06");
                m.set(60, "11" + batch + "000");
                m.set(61, origBatch + require(o.origStan(), kind, "--orig-stan, the pre-auth's STAN"));
                if (o.authCode() != null) {
                    m.set(38, o.authCode());
                }
            }
            case "completion" -> {
                card(m, kind, o, true);
                m.set(3, "000000");
                m.set(25, "06");
                m.set(38, require(o.authCode(), kind, "--auth-code, the pre-auth's DE38"));
                m.set(60, "20" + batch + "000");
                m.set(61, "000000000000" + origDate);
            }
            case "completion-void" -> {
                card(m, kind, o, true);
                m.set(3, "200000");
                m.set(25, "06");
                m.set(60, "21" + batch + "000");
                m.set(61, origBatch + require(o.origStan(), kind, "--orig-stan, the completion's STAN"));
                if (o.authCode() != null) {
                    m.set(38, o.authCode());
                }
            }
            case "void" -> {
                card(m, kind, o, true);
                m.set(3, "200000");
                m.set(25, "00");
                m.set(60, "23" + batch + "000");
                m.set(61, origBatch + require(o.origStan(), kind, "--orig-stan, the sale's STAN"));
                if (o.rrn() != null) {
                    m.set(37, o.rrn());
                }
            }
            case "refund" -> {
                card(m, kind, o, true);
                m.set(3, "200000");
                m.set(25, "00");
                m.set(37, require(o.rrn(), kind, "--rrn, the sale's DE37"));
                m.set(60, "25" + batch + "000");
                m.set(61, origBatch + (o.origStan() != null ? o.origStan() : "000000") + origDate);
            }
            default -> { // reversal: the original's STAN, batch and type
                if (!o.stanGiven()) {
                    throw new IllegalArgumentException("a reversal needs --stan, the original's STAN");
                }
                card(m, kind, o, true);
                m.set(3, "000000");
                m.set(25, "00");
                m.set(39, "98");
                m.set(60, "22" + batch + "000");
            }
        }
        return f;
    }

    private static void card(ISOMsg m, String kind, Options o, boolean withAmount) {
        m.set(2, require(o.pan(), kind, "--pan, 12 to 19 digits"));
        if (withAmount) {
            m.set(4, String.format("%012d", require(o.amount(), kind, "--amount, e.g. 12.34")));
        }
        m.set(22, "021");
        if (m.getString(25) == null) {
            m.set(25, "00");
        }
        m.set(42, o.merchant());
        m.set(49, o.currency());
    }

    private static <T> T require(T value, String kind, String what) {
        if (value == null) {
            throw new IllegalArgumentException("a " + kind + " needs " + what);
        }
        return value;
    }
}
