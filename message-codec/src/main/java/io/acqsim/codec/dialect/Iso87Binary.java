package io.acqsim.codec.dialect;

import io.acqsim.codec.framing.Framing;
import io.acqsim.codec.framing.LengthHeader;
import org.jpos.iso.packager.ISO87BPackager;

/**
 * ISO 8583:1987 in binary: 2-byte big-endian length prefix, 5-byte TPDU, packed BCD numerics and
 * a binary bitmap. Byte for byte what jPOS's {@code NACChannel} with {@code ISO87BPackager} speaks.
 */
public final class Iso87Binary extends Dialect {
    public static final String NAME = "iso87-binary";
    public static final Iso87Binary INSTANCE = new Iso87Binary();

    private Iso87Binary() {
        super(NAME, Framing.of(LengthHeader.BINARY2, true, ""), new ISO87BPackager(), false, NAME);
    }
}
