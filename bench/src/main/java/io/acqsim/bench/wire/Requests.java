package io.acqsim.bench.wire;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.framing.CupHeader;
import io.acqsim.codec.framing.Tpdu;
import org.jpos.iso.ISOMsg;

/**
 * Request messages as a terminal of each dialect sends them (PROTOCOL.md §2): sign-on, sale,
 * pre-authorization, void, reversal and repeat reversal. The values that change per request are
 * placeholders of the right length, for {@link WireTemplate} to overwrite.
 */
public final class Requests {
    public static final Tpdu TPDU = new Tpdu(0x60, 0x0006, 0x0000);
    public static final CupHeader CUP_HEADER = CupHeader.ofHex("603100311003");
    /** The amount of every chip sale: its DE55 (and ARQC) is computed once per terminal. */
    public static final long CHIP_AMOUNT = 1234;
    /** CUP batch number (DE60.2) every generated terminal uses. */
    public static final String BATCH = "000001";

    private final Dialect dialect;
    private final boolean cup;
    private final String terminal;
    private final String merchant;
    private final String pan;

    public Requests(Dialect dialect, String terminal, String merchant, String pan) {
        this.dialect = dialect;
        this.cup = dialect.isCup();
        this.terminal = terminal;
        this.merchant = merchant;
        this.pan = pan;
    }

    public Dialect dialect() {
        return dialect;
    }

    public boolean cup() {
        return cup;
    }

    /**
     * The response code of an approval: {@code 00}, or in ISO 8583:1993 the action code {@code 000}
     * (PROTOCOL.md §1.1).
     */
    public String approved() {
        return approved(dialect);
    }

    public static String approved(Dialect dialect) {
        return dialect.is1993() ? "000" : "00";
    }

    /**
     * Whether a response code says the host failed rather than decided: format error, function not
     * supported, system malfunction ({@code 30 40 96}; 1993 {@code 904 115 909}).
     */
    public static boolean hostError(Dialect dialect, String code) {
        return dialect.is1993() ? "904".equals(code) || "115".equals(code) || "909".equals(code)
                : "30".equals(code) || "40".equals(code) || "96".equals(code);
    }

    private IsoFrame frame(String mti) {
        ISOMsg m = new ISOMsg();
        m.set(0, dialect.is1993() ? mti1993(mti) : mti);
        return new IsoFrame(dialect.hasTpdu() ? TPDU : null, cupHeader(), m);
    }

    /** A CUP dialect's header (the shipped one, or the definition's own of another length); null elsewhere. */
    private CupHeader cupHeader() {
        if (!dialect.hasCupHeader()) {
            return null;
        }
        return dialect.framing().headerLength() == CUP_HEADER.length() ? CUP_HEADER
                : CupHeader.of(dialect.framing().header());
    }

    /** The ISO 8583:1993 MTI of a 1987 one: {@code 0200 -> 1200}, network management {@code 0800 -> 1804}. */
    static String mti1993(String mti) {
        return "0800".equals(mti) ? "1804" : "1" + mti.substring(1);
    }

    private IsoFrame financial(String mti, String processingCode, String conditionCode, String type60) {
        IsoFrame f = frame(mti);
        ISOMsg m = f.msg();
        m.set(2, pan);
        m.set(3, processingCode);
        m.set(4, "000000000000");
        m.set(11, "000000");
        m.set(22, "021");
        m.set(25, conditionCode);
        m.set(41, terminal);
        m.set(42, merchant);
        m.set(49, "156");
        if (cup) {
            m.set(60, type60 + BATCH + "000");
        } else {
            m.set(7, "0000000000");
        }
        return f;
    }

    /** The fields a financial template overwrites per request: DE4, DE11 and, in ISO 1987, DE7. */
    private int[] varying(int... more) {
        int[] base = cup ? new int[] {4, 11} : new int[] {4, 7, 11};
        int[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** 0800 sign-on with DE11 = {@code stan}. */
    public IsoFrame signOn(int stan) {
        IsoFrame f = frame("0800");
        ISOMsg m = f.msg();
        m.set(11, String.format("%06d", stan));
        m.set(41, terminal);
        if (cup) {
            m.set(42, merchant);
            m.set(60, "00" + BATCH + "003");
        } else if (dialect.is1993()) {
            m.set(7, "0000000000");
            m.set(24, "801");
        } else {
            m.set(7, "0000000000");
            m.set(70, "001");
        }
        return f;
    }

    public IsoFrame saleMessage() {
        return financial("0200", "000000", "00", "22");
    }

    public WireTemplate sale() {
        return WireTemplate.of(dialect, saleMessage(), varying());
    }

    /**
     * A chip sale of {@link #CHIP_AMOUNT}: DE22 051 and a DE55 whose ARQC (Visa CVN 18) verifies under
     * the shipped test IMK-AC. The host keeps no ATC per card, so one DE55 serves every chip sale of
     * the terminal; only DE7 and DE11 change.
     */
    public WireTemplate chipSale() {
        IsoFrame f = saleMessage();
        f.msg().set(4, String.format("%012d", CHIP_AMOUNT));
        f.msg().set(22, "051");
        f.msg().set(55, io.acqsim.core.chip.ChipCard.testCard(pan, io.acqsim.codec.emv.CryptogramVersion.VISA_18)
                .request(CHIP_AMOUNT, "156", java.time.LocalDate.now(), 1));
        return WireTemplate.of(dialect, f, varying());
    }

    /** Pre-authorization: ISO 0100 DE3 000000; CUP 0100 DE3 030000, DE25 06, DE60.1 10. */
    public WireTemplate auth() {
        IsoFrame f = cup ? financial("0100", "030000", "06", "10") : financial("0100", "000000", "00", null);
        return WireTemplate.of(dialect, f, varying());
    }

    /**
     * Void of a sale: ISO 0200 DE3 020000 naming the sale by DE37 (+ DE41); CUP 0200 DE3 200000,
     * DE60.1 23, naming it by DE61 = original batch + original STAN (and DE37).
     */
    public WireTemplate voidOfSale() {
        IsoFrame f = cup ? financial("0200", "200000", "00", "23") : financial("0200", "020000", "00", null);
        f.msg().set(37, "000000000000");
        if (cup) {
            f.msg().set(61, BATCH + "000000");
            return WireTemplate.of(dialect, f, varying(37, 61));
        }
        return WireTemplate.of(dialect, f, varying(37));
    }

    /** Reversal (0400, or 0401 for a repeat in ISO) of a sale or of a pre-authorization. */
    public WireTemplate reversal(boolean ofAuth, boolean repeat) {
        return WireTemplate.of(dialect, reversalMessage(ofAuth, repeat), varying());
    }

    public IsoFrame reversalMessage(boolean ofAuth, boolean repeat) {
        String mti = repeat && !cup ? "0401" : "0400";
        IsoFrame f;
        if (cup) {
            f = ofAuth ? financial(mti, "030000", "06", "10") : financial(mti, "000000", "00", "22");
        } else {
            f = financial(mti, "000000", "00", null);
        }
        return f;
    }
}
