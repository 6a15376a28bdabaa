package io.acqsim.core.testing;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.codec.dialect.CupPos;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.framing.CupHeader;
import io.acqsim.codec.framing.Tpdu;
import org.jpos.iso.ISOMsg;

/** Builds request frames for tests, with each dialect's envelope. */
public final class Messages {
    public static final Tpdu TPDU = new Tpdu(0x60, 0x0006, 0x0000);
    public static final CupHeader CUP_HEADER = CupHeader.ofHex("603100311003");
    public static final String TERMINAL = "00000001";
    public static final String MERCHANT = "123456789012345";

    private Messages() {
    }

    /** An empty message with an MTI, wrapped in the dialect's envelope. */
    public static IsoFrame frame(Dialect dialect, String mti) {
        ISOMsg m = new ISOMsg();
        m.set(0, mti(dialect, mti));
        return new IsoFrame(dialect.hasTpdu() ? TPDU : null, dialect.hasCupHeader() ? CUP_HEADER : null, m);
    }

    /**
     * A 1987 MTI as the dialect writes it: unchanged on 1987, {@code 1xxx} on ISO 8583:1993 with
     * network management {@code 0800 -> 1804}, {@code 0810 -> 1814}.
     */
    public static String mti(Dialect dialect, String mti) {
        if (!dialect.is1993() || mti.charAt(0) != '0') {
            return mti;
        }
        return switch (mti) {
            case "0800" -> "1804";
            case "0810" -> "1814";
            default -> "1" + mti.substring(1);
        };
    }

    /** A response code as the dialect writes it: 1993 action codes ({@code 00 -> 000}), else unchanged. */
    public static String code(Dialect dialect, String code) {
        return io.acqsim.core.flow.ResponseCode.render(code, dialect.version());
    }

    /** The server's view of a message built here: packed by jPOS, read by the dialect's layout engine. */
    public static MessageView view(Dialect dialect, IsoFrame frame) {
        try {
            return dialect.read(dialect.encode(frame));
        } catch (CodecException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static String amount(long minor) {
        return String.format("%012d", minor);
    }

    public static String stan(int n) {
        return String.format("%06d", n);
    }

    /** 0800 sign-on. */
    public static IsoFrame signOn(Dialect dialect, int stan) {
        IsoFrame f = frame(dialect, "0800");
        ISOMsg m = f.msg();
        m.set(11, stan(stan));
        m.set(41, TERMINAL);
        if (dialect instanceof CupPos) {
            m.set(42, MERCHANT);
            m.set(60, "00000001003");
        } else if (dialect.is1993()) {
            m.set(7, "1122334455");
            m.set(24, "801");
        } else {
            m.set(7, "1122334455");
            m.set(70, "001");
        }
        return f;
    }

    /** 0200 sale of {@code amount} minor units. */
    public static IsoFrame sale(Dialect dialect, String pan, long amount, int stan) {
        IsoFrame f = frame(dialect, "0200");
        ISOMsg m = f.msg();
        m.set(2, pan);
        m.set(3, "000000");
        m.set(4, amount(amount));
        m.set(11, stan(stan));
        m.set(22, "021");
        m.set(25, "00");
        m.set(41, TERMINAL);
        m.set(42, MERCHANT);
        m.set(49, "156");
        if (dialect instanceof CupPos) {
            m.set(60, "22000001000");
        } else {
            m.set(7, "1122334455");
        }
        return f;
    }
}
