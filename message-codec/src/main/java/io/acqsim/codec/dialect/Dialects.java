package io.acqsim.codec.dialect;

import io.acqsim.codec.framing.Framing;
import io.acqsim.codec.framing.LengthHeader;
import java.util.List;

/**
 * The built-in dialects, by configuration name. Each is a definition like any a configuration
 * can declare (framing, layout, charset, version); configuration may add more or override them.
 */
public final class Dialects {
    /** ISO 8583:1993 in ASCII: 4-digit ASCII length, jPOS {@code ISO93APackager} (jPOS {@code ASCIIChannel}). */
    public static final Dialect ISO93_ASCII = new Dialect("iso93-ascii", Framing.of(LengthHeader.ASCII4, false, ""),
            Layouts.builtIn("iso93-ascii"), false, Dialect.V1993, TextCharset.ASCII, "iso93-ascii");
    /**
     * ISO 8583:1987 in EBCDIC (IBM-1047) with a binary bitmap and a 2-byte binary length, no TPDU:
     * the layout is the GenericPackager XML {@link Layouts#ISO87_EBCDIC_XML} (jPOS {@code PostChannel} framing).
     */
    public static final Dialect ISO87_EBCDIC = new Dialect("iso87-ebcdic",
            Framing.of(LengthHeader.BINARY2, false, ""), Layouts.builtIn("iso87-ebcdic"), false, Dialect.V1987,
            TextCharset.EBCDIC, "iso87-ebcdic");

    private static final List<Dialect> ALL = List.of(CupPos.INSTANCE, Iso87Binary.INSTANCE, Iso87Ascii.INSTANCE,
            ISO93_ASCII, ISO87_EBCDIC);

    private Dialects() {
    }

    /** The built-in dialects. */
    public static List<Dialect> all() {
        return ALL;
    }

    /** The built-in dialect with this name, or an exception listing the known names. */
    public static Dialect byName(String name) {
        for (Dialect d : ALL) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dialect '" + name + "' (known: "
                + ALL.stream().map(Dialect::name).toList() + ")");
    }
}
