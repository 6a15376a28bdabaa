package io.acqsim.codec;

import io.acqsim.codec.framing.CupHeader;
import io.acqsim.codec.framing.Tpdu;
import org.jpos.iso.ISOMsg;

/**
 * One decoded frame: the envelope a dialect puts around the message (TPDU, CUP header; either is
 * null when the dialect has none) and the ISO 8583 message itself.
 */
public record IsoFrame(Tpdu tpdu, CupHeader header, ISOMsg msg) {
    public static IsoFrame of(ISOMsg msg) {
        return new IsoFrame(null, null, msg);
    }

    /** The same envelope around another message. */
    public IsoFrame with(ISOMsg other) {
        return new IsoFrame(tpdu, header, other);
    }
}
