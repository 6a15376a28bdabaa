package io.acqsim.codec.dialect;

import io.acqsim.codec.framing.Framing;
import io.acqsim.codec.framing.LengthHeader;
import org.jpos.iso.packager.ISO87APackager;

/**
 * ISO 8583:1987 in ASCII: 4-digit ASCII length prefix, no TPDU, ASCII numerics and a 16-hex-digit
 * bitmap. Byte for byte what jPOS's {@code ASCIIChannel} with {@code ISO87APackager} speaks.
 */
public final class Iso87Ascii extends Dialect {
    public static final String NAME = "iso87-ascii";
    public static final Iso87Ascii INSTANCE = new Iso87Ascii();

    private Iso87Ascii() {
        super(NAME, Framing.of(LengthHeader.ASCII4, false, ""), new ISO87APackager(), false, NAME);
    }
}
