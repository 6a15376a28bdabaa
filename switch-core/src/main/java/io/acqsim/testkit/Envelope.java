package io.acqsim.testkit;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.framing.CupHeader;
import io.acqsim.codec.framing.Tpdu;
import org.jpos.iso.ISOMsg;

/** The envelope a terminal puts around its requests: TPDU {@code 60 0006 0000}, CUP header {@code 603100311003}. */
public final class Envelope {
    public static final Tpdu TPDU = new Tpdu(0x60, 0x0006, 0x0000);
    public static final CupHeader CUP_HEADER = CupHeader.ofHex("603100311003");

    private Envelope() {
    }

    /** An empty request with this MTI in the dialect's envelope. */
    public static IsoFrame request(Dialect dialect, String mti) {
        ISOMsg m = new ISOMsg();
        m.set(0, mti);
        return new IsoFrame(dialect.hasTpdu() ? TPDU : null, dialect.isCup() ? CUP_HEADER : null, m);
    }
}
