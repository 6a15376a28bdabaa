package io.acqsim.codec.dialect;

import io.acqsim.codec.framing.Framing;
import io.acqsim.codec.framing.LengthHeader;

/**
 * China UnionPay POS: 2-byte big-endian length prefix, 5-byte TPDU, 6-byte CUP header, then the
 * {@link CupPackager} layout.
 */
public final class CupPos extends Dialect {
    public static final String NAME = "cup-pos";
    public static final CupPos INSTANCE = new CupPos();

    private CupPos() {
        super(NAME, Framing.of(LengthHeader.BINARY2, true, "603100000000"), new CupPackager(), true, NAME);
    }
}
