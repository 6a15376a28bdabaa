package io.acqsim.codec.emv;

import java.util.HexFormat;
import java.util.List;

/**
 * DE55 as it may appear in a log or an admin response: each tag with its value in hex, except the
 * card data of {@link EmvTags#HIDDEN}, which shows only its length. Templates are shown with their
 * children in braces. Malformed TLV shows nothing but its length.
 */
public final class EmvMasking {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private EmvMasking() {
    }

    /** {@code 9F26=1122334455667788 5A=[8 bytes hidden] 71{9F18=00000001 86=...}}. */
    public static String describe(byte[] de55) {
        List<Tlv> objects;
        try {
            objects = BerTlv.decode(de55);
        } catch (TlvFormatException e) {
            return "[" + de55.length + " bytes, not BER-TLV, hidden]";
        }
        StringBuilder sb = new StringBuilder(de55.length * 3);
        append(sb, objects);
        return sb.toString();
    }

    private static void append(StringBuilder sb, List<Tlv> objects) {
        for (int i = 0; i < objects.size(); i++) {
            Tlv t = objects.get(i);
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(t.tagHex());
            if (t.isConstructed()) {
                sb.append('{');
                append(sb, t.children());
                sb.append('}');
            } else {
                sb.append('=').append(value(t));
            }
        }
    }

    /** The value of one primitive object as it may be shown. */
    public static String value(Tlv t) {
        if (EmvTags.isHidden(t.tag())) {
            return "[" + t.length() + " bytes hidden]";
        }
        return HEX.formatHex(t.rawValue());
    }
}
