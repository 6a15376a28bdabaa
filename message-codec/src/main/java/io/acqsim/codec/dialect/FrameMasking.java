package io.acqsim.codec.dialect;

import io.acqsim.codec.field.Masking;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.jpos.iso.ISOException;

/**
 * A frame's bytes for a dump or a trace, exact except for card data: the field layout tells where
 * the PAN (DE2, DE34), the tracks (DE35, DE36) and the secrets ({@link Masking#isSecret}) lie,
 * and only their value bytes change. Masked digits of a character field become {@code *} (in the
 * field's own character set), masked digits of a BCD field become the nibble {@code F}, and the
 * bytes of a secret become {@code FF} (or the characters {@code F} where the layout writes bytes
 * as hex text). Length prefixes, the envelope and every other field stay as they were, so a dump
 * decodes again and can be replayed. A frame the layout cannot read falls back to
 * {@link Masking#masked}, which hides every run of digits that might be a PAN.
 */
public final class FrameMasking {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final Charset EBCDIC = ebcdic();

    private FrameMasking() {
    }

    private static Charset ebcdic() {
        try {
            return Charset.forName("IBM1047");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The masked copy of a frame body (everything after the length prefix). */
    public static byte[] body(Dialect dialect, byte[] body) {
        return frame(dialect, body, 0);
    }

    /**
     * The masked copy of {@code bytes}, whose frame body starts at {@code bodyOffset} (the bytes
     * before it, a length prefix, are kept as they are).
     */
    public static byte[] frame(Dialect dialect, byte[] bytes, int bodyOffset) {
        byte[] body = java.util.Arrays.copyOfRange(bytes, bodyOffset, bytes.length);
        byte[] masked;
        try {
            masked = maskFields(dialect, body);
        } catch (ISOException | RuntimeException e) {
            masked = Masking.masked(body);
        }
        byte[] out = bytes.clone();
        System.arraycopy(masked, 0, out, bodyOffset, masked.length);
        return out;
    }

    /** Upper-case hex of {@link #frame}. */
    public static String hex(Dialect dialect, byte[] bytes, int bodyOffset) {
        return HEX.formatHex(frame(dialect, bytes, bodyOffset));
    }

    private static byte[] maskFields(Dialect dialect, byte[] body) throws ISOException {
        List<FieldSpans.Span> spans = FieldSpans.of(dialect, body);
        byte[] out = body.clone();
        for (FieldSpans.Span s : spans) {
            int f = s.field();
            if (f == 2 || f == 34 || f == 35 || f == 36) {
                String v = String.valueOf(s.value());
                String m = f == 35 || f == 36 ? Masking.track(v) : Masking.pan(v);
                if (!maskChars(out, s, v, m)) {
                    fill(out, s.start(), s.end(), (byte) 0xFF);
                }
            } else if (f > 1 && Masking.isSecret(f)) {
                maskSecret(out, s);
            }
        }
        return out;
    }

    /** Writes the {@code *} of {@code masked} over the value's digits, in whatever encoding the field uses. */
    private static boolean maskChars(byte[] out, FieldSpans.Span s, String value, String masked) {
        int n = value.length();
        int tail = s.end() - n;
        if (tail >= s.start() && matches(out, tail, value, StandardCharsets.US_ASCII)) {
            replaceStars(out, tail, value, masked, (byte) '*');
            return true;
        }
        if (EBCDIC != null && tail >= s.start() && matches(out, tail, value, EBCDIC)) {
            replaceStars(out, tail, value, masked, "*".getBytes(EBCDIC)[0]);
            return true;
        }
        int bytes = (n + 1) / 2;
        int first = s.end() - bytes;
        if (first < s.start()) {
            return false;
        }
        String hex = HEX.formatHex(out, first, s.end());
        String digits = value.replace('=', 'D').toUpperCase(java.util.Locale.ROOT);
        int nibble0;
        if (hex.startsWith(digits)) {
            nibble0 = 0;
        } else if (hex.endsWith(digits)) {
            nibble0 = hex.length() - n;
        } else {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (masked.charAt(i) == '*' && value.charAt(i) != '*') {
                int nib = nibble0 + i;
                int at = first + nib / 2;
                out[at] = (byte) (nib % 2 == 0 ? out[at] | 0xF0 : out[at] | 0x0F);
            }
        }
        return true;
    }

    private static boolean matches(byte[] out, int at, String value, Charset cs) {
        byte[] want = value.getBytes(cs);
        if (want.length != value.length() || at + want.length > out.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (out[at + i] != want[i]) {
                return false;
            }
        }
        return true;
    }

    private static void replaceStars(byte[] out, int at, String value, String masked, byte star) {
        for (int i = 0; i < value.length(); i++) {
            if (masked.charAt(i) == '*') {
                out[at + i] = star;
            }
        }
    }

    private static void maskSecret(byte[] out, FieldSpans.Span s) {
        if (s.value() instanceof byte[] v) {
            int tail = s.end() - v.length;
            if (tail >= s.start() && java.util.Arrays.equals(out, tail, s.end(), v, 0, v.length)) {
                fill(out, tail, s.end(), (byte) 0xFF);
                return;
            }
            int hexTail = s.end() - 2 * v.length;
            if (hexTail >= s.start() && HEX.formatHex(v).equalsIgnoreCase(
                    new String(out, hexTail, 2 * v.length, StandardCharsets.ISO_8859_1))) {
                fill(out, hexTail, s.end(), (byte) 'F');
                return;
            }
        } else if (s.value() instanceof String v) {
            if (maskChars(out, s, v, "*".repeat(v.length()))) {
                return;
            }
        }
        fill(out, s.start(), s.end(), (byte) 0xFF);
    }

    private static void fill(byte[] out, int from, int to, byte b) {
        java.util.Arrays.fill(out, from, to, b);
    }
}
