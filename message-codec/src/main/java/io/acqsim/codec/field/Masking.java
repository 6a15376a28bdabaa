package io.acqsim.codec.field;

import io.acqsim.codec.emv.EmvMasking;
import java.util.HexFormat;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * Card data hidden for logs and dumps, on by default everywhere: PAN keeps its first 6 and last
 * 4 digits, track data keeps only the PAN part masked, PIN block, keys and MACs show only their
 * length, and EMV data (DE55) shows its tags with the card data among them hidden
 * ({@link EmvMasking}).
 */
public final class Masking {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Masking() {
    }

    /** {@code 6225880123456789012} becomes {@code 622588*********9012}; short values are fully hidden. */
    public static String pan(String pan) {
        if (pan == null) {
            return null;
        }
        if (pan.length() < 12) {
            return "*".repeat(pan.length());
        }
        return pan.substring(0, 6) + "*".repeat(pan.length() - 10) + pan.substring(pan.length() - 4);
    }

    /** Appends {@link #pan(String)} of a non-null {@code pan}, without making the masked String. */
    public static StringBuilder appendPan(StringBuilder out, String pan) {
        int n = pan.length();
        if (n < 12) {
            for (int i = 0; i < n; i++) {
                out.append('*');
            }
            return out;
        }
        out.append(pan, 0, 6);
        for (int i = 6; i < n - 4; i++) {
            out.append('*');
        }
        return out.append(pan, n - 4, n);
    }

    /** Track 2 or 3: the PAN before the separator masked, everything after it hidden. */
    public static String track(String track) {
        if (track == null) {
            return null;
        }
        int sep = indexOfSeparator(track);
        String account = sep < 0 ? track : track.substring(0, sep);
        return pan(account) + (sep < 0 ? "" : track.charAt(sep) + "*".repeat(track.length() - sep - 1));
    }

    private static int indexOfSeparator(String track) {
        for (int i = 0; i < track.length(); i++) {
            char c = track.charAt(i);
            if (c == '=' || c == 'D' || c == 'd' || c == '^') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether a field carries secrets that are never shown, only their length. DE55 counts as
     * secret for any code that cannot read it; {@link #field} and {@link #emv} show its tags.
     */
    public static boolean isSecret(int field) {
        return field == 45 || field == 52 || field == 55 || field == 62 || field == 64 || field == 96 || field == 128;
    }

    /** DE55 as it may be shown: its tags, with track data, PAN, cardholder name and discretionary data hidden. */
    public static String emv(byte[] de55) {
        return de55 == null ? null : EmvMasking.describe(de55);
    }

    /** The value of one field as it may appear in a log. */
    public static String field(ISOMsg msg, int field) {
        ISOComponent c = msg.getComponent(field);
        if (c == null) {
            return null;
        }
        Object value;
        try {
            value = c.getValue();
        } catch (ISOException e) {
            return "<" + e.getMessage() + ">";
        }
        int length = value instanceof byte[] b ? b.length : String.valueOf(value).length();
        if (field == 55) {
            // jPOS's ISO 1987 packagers carry DE55 as characters: the bytes one to one (ISO-8859-1).
            return emv(value instanceof byte[] b ? b
                    : String.valueOf(value).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        if (isSecret(field)) {
            return "[" + length + (value instanceof byte[] ? " bytes" : " chars") + " hidden]";
        }
        if (field == 2 || field == 34) {
            return pan(String.valueOf(value));
        }
        if (field == 35 || field == 36) {
            return track(String.valueOf(value));
        }
        return value instanceof byte[] b ? HEX.formatHex(b) : String.valueOf(value);
    }

    /** A field's value (binary as hex) as it may appear in a log. */
    public static String field(int field, String value, boolean binary) {
        if (value == null) {
            return null;
        }
        if (field == 55 && binary) {
            try {
                return emv(HEX.parseHex(value));
            } catch (IllegalArgumentException e) {
                return "[" + value.length() / 2 + " bytes hidden]";
            }
        }
        if (isSecret(field)) {
            return "[" + (binary ? value.length() / 2 + " bytes" : value.length() + " chars") + " hidden]";
        }
        if (field == 2 || field == 34) {
            return pan(value);
        }
        if (field == 35 || field == 36) {
            return track(value);
        }
        return value;
    }

    /** One line: {@code 0200 2=622588*********9012 3=000000 4=000000001050 ...}. */
    public static String dump(ISOMsg msg) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(msg.getString(0) == null ? "????" : msg.getString(0));
        for (int i = 2; i <= msg.getMaxField(); i++) {
            if (msg.hasField(i)) {
                sb.append(' ').append(i).append('=').append(field(msg, i));
            }
        }
        return sb.toString();
    }

    /**
     * Hex of a raw frame for a decode-error log, with every run of 12 or more ASCII digits and
     * every run of 6 or more all-decimal BCD bytes (the track separator nibble D counts as a digit)
     * masked in the middle: a frame that could not be decoded gives no field boundaries, so
     * anything that may be a PAN is hidden.
     */
    public static String hex(byte[] frame) {
        return HEX.formatHex(masked(frame));
    }

    /**
     * A copy of a raw frame with the masking of {@link #hex}: ASCII digits in the middle of a long
     * run become {@code *}, BCD bytes become {@code FF} (a run of bytes that are all printable
     * ASCII is text, never read again as BCD). Mask the whole frame before cutting a
     * window out of it, so a run that crosses the window's edge is still recognised.
     */
    public static byte[] masked(byte[] frame) {
        byte[] copy = frame.clone();
        maskRuns(copy, true, 12);
        maskRuns(copy, false, 6);
        maskEmvText(copy);
        return copy;
    }

    /**
     * EMV card data that is not digits (cardholder name 5F20, track 1 and 2 discretionary data 9F1F,
     * 9F20) hides behind no digit run: wherever one of those two-byte tags is followed by a length
     * that fits, the value bytes become {@code *}. A false match only hides a few bytes too many.
     */
    private static void maskEmvText(byte[] b) {
        for (int i = 0; i + 2 < b.length; i++) {
            int tag = ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
            if (tag == 0x5F20 || tag == 0x9F1F || tag == 0x9F20) {
                int length = b[i + 2] & 0xFF;
                if (length > 0 && length < 0x80 && i + 3 + length <= b.length) {
                    for (int j = i + 3; j < i + 3 + length; j++) {
                        b[j] = (byte) '*';
                    }
                    i += 2 + length;
                }
            }
        }
    }

    private static void maskRuns(byte[] b, boolean ascii, int minRun) {
        int start = -1;
        for (int i = 0; i <= b.length; i++) {
            boolean in = i < b.length && (ascii ? isAsciiDigit(b[i]) : isBcdDigits(b[i]));
            if (in && start < 0) {
                start = i;
            } else if (!in && start >= 0) {
                int length = i - start;
                if (length >= minRun && (ascii || !allPrintableAscii(b, start, i))) {
                    int keepHead = ascii ? 6 : 3;
                    int keepTail = ascii ? 4 : 2;
                    for (int j = start + keepHead; j < i - keepTail; j++) {
                        b[j] = ascii ? (byte) '*' : (byte) 0xFF;
                    }
                }
                start = -1;
            }
        }
    }

    /**
     * A run of printable ASCII bytes is text, which the ASCII pass has already judged; read as BCD
     * it would be masked a second time and the digits the ASCII pass kept would become {@code FF}.
     * (A BCD PAN almost always holds a byte outside 0x20-0x7E: any digit pair starting 0, 1, 8 or 9.)
     */
    private static boolean allPrintableAscii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0x20 || b[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Two decimal nibbles, or a digit beside the track-2 separator nibble D (so a PAN's tail does not end the run). */
    private static boolean isBcdDigits(byte b) {
        int hi = (b & 0xF0) >>> 4;
        int lo = b & 0x0F;
        return (hi <= 9 || hi == 0xD) && (lo <= 9 || lo == 0xD) && !(hi == 0xD && lo == 0xD);
    }
}
