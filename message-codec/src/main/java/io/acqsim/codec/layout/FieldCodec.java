package io.acqsim.codec.layout;

import io.netty.buffer.ByteBuf;

/** Reads and writes one field's prefix and content for a {@link FieldSpec}; no state, no allocation on the wire side. */
final class FieldCodec {
    static final int BAD = -1;
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    /** Values up to this many units are decoded into a per-thread array, then copied once into their String. */
    private static final int SCRATCH_UNITS = 128;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_UNITS]);

    private FieldCodec() {
    }

    // ---- reading --------------------------------------------------------------------------------

    /** The number in the length prefix at {@code at}, or {@link #BAD} if the bytes are not a length. */
    static int readPrefix(FieldSpec spec, byte[] b, int at) {
        int digits = spec.lengthType().digits();
        switch (spec.prefix()) {
            case BCD: {
                int bytes = spec.prefixBytes();
                int value = 0;
                for (int i = 0; i < bytes; i++) {
                    int hi = (b[at + i] >> 4) & 0x0F;
                    int lo = b[at + i] & 0x0F;
                    if (hi > 9 || lo > 9) {
                        return BAD;
                    }
                    value = value * 100 + hi * 10 + lo;
                }
                return value;
            }
            case ASCII:
            case EBCDIC: {
                int value = 0;
                for (int i = 0; i < digits; i++) {
                    int d = digit(spec.prefix(), b[at + i]);
                    if (d < 0) {
                        return BAD;
                    }
                    value = value * 10 + d;
                }
                return value;
            }
            case BINARY:
                return spec.prefixBytes() == 1 ? b[at] & 0xFF : ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
            default:
                return BAD;
        }
    }

    /** The decimal value of one ASCII or EBCDIC digit byte, or -1. */
    static int digit(Encoding e, byte b) {
        int v = e == Encoding.EBCDIC ? (b & 0xFF) - 0xF0 : b - '0';
        return v >= 0 && v <= 9 ? v : -1;
    }

    /** Null when the content is acceptable for the field's kind, else why not. */
    static String checkContent(FieldSpec spec, byte[] b, int at, int units) {
        switch (spec.kind()) {
            case NUMERIC:
                if (spec.number() != 35 && spec.number() != 36) {
                    if (spec.content() == Encoding.BCD) {
                        return bcdDigits(b, at, units, spec.rightAligned());
                    }
                    if (spec.content() != Encoding.EBCDIC) {
                        return asciiDigits(b, at, units);
                    }
                }
                for (int i = 0; i < units; i++) {
                    char c = charAt(spec, b, at, units, i);
                    if ((c < '0' || c > '9') && !(c == '=' && (spec.number() == 35 || spec.number() == 36))) {
                        return "numeric field holds a non-digit at position " + i;
                    }
                }
                return null;
            case AMOUNT: {
                char sign = charAt(spec, b, at, units, 0);
                if (sign != 'C' && sign != 'D') {
                    return "amount does not start with C or D";
                }
                for (int i = 1; i < units; i++) {
                    char c = charAt(spec, b, at, units, i);
                    if (c < '0' || c > '9') {
                        return "amount holds a non-digit at position " + i;
                    }
                }
                return null;
            }
            case BINARY:
                if (spec.content() == Encoding.ASCII_HEX || spec.content() == Encoding.EBCDIC_HEX) {
                    for (int i = 0; i < units * 2; i++) {
                        if (hexValue(spec.content(), b[at + i]) < 0) {
                            return "hex field holds a non-hex character at position " + i;
                        }
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /** Whether {@code units} packed digits at {@code at} are all 0-9 (the hot path's check, without a per-digit switch). */
    private static String bcdDigits(byte[] b, int at, int units, boolean rightAligned) {
        int first = rightAligned && (units & 1) == 1 ? 1 : 0;
        for (int n = first; n < first + units; n++) {
            int v = b[at + (n >> 1)];
            int d = (n & 1) == 0 ? (v >> 4) & 0x0F : v & 0x0F;
            if (d > 9) {
                return "numeric field holds a non-digit at position " + (n - first);
            }
        }
        return null;
    }

    /** Whether {@code units} ASCII characters at {@code at} are all digits. */
    private static String asciiDigits(byte[] b, int at, int units) {
        for (int i = 0; i < units; i++) {
            int c = b[at + i] & 0xFF;
            if (c < '0' || c > '9') {
                return "numeric field holds a non-digit at position " + i;
            }
        }
        return null;
    }

    /** Character {@code i} of a numeric, amount or text value of {@code units} units starting at {@code at}. */
    static char charAt(FieldSpec spec, byte[] b, int at, int units, int i) {
        switch (spec.content()) {
            case BCD: {
                if (spec.kind() == FieldKind.AMOUNT) {
                    if (i == 0) {
                        return (char) (b[at] & 0xFF);
                    }
                    return (char) ('0' + nibble(b, at + 1, units - 1, true, i - 1));
                }
                return (char) ('0' + nibble(b, at, units, spec.rightAligned(), i));
            }
            case EBCDIC:
                return Ebcdic.toChar(b[at + i]);
            default:
                return (char) (b[at + i] & 0xFF);
        }
    }

    /** Digit {@code i} of {@code units} packed digits at {@code at}. */
    private static int nibble(byte[] b, int at, int units, boolean rightAligned, int i) {
        int n = (rightAligned && (units & 1) == 1) ? i + 1 : i;
        int v = b[at + (n >> 1)];
        return (n & 1) == 0 ? (v >> 4) & 0x0F : v & 0x0F;
    }

    static int hexValue(Encoding e, byte b) {
        int c = e == Encoding.EBCDIC_HEX ? Ebcdic.toChar(b) : (b & 0xFF);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** The value as jPOS gives it: digits or text as a String, binary as upper-case hex. */
    static String string(FieldSpec spec, byte[] b, int at, int units) {
        if (spec.kind() == FieldKind.BINARY || spec.kind() == FieldKind.BITMAP) {
            byte[] raw = bytes(spec, b, at, units);
            char[] out = new char[raw.length * 2];
            for (int i = 0; i < raw.length; i++) {
                out[2 * i] = (char) HEX[(raw[i] >> 4) & 0x0F];
                out[2 * i + 1] = (char) HEX[raw[i] & 0x0F];
            }
            return new String(out);
        }
        if (spec.content() == Encoding.ASCII) {
            return new String(b, at, units, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        if (units <= SCRATCH_UNITS) {
            // digits and EBCDIC text are Latin-1: one array for the String, none on the side
            byte[] latin1 = SCRATCH.get();
            boolean fits = true;
            for (int i = 0; i < units && fits; i++) {
                char c = charAt(spec, b, at, units, i);
                latin1[i] = (byte) c;
                fits = c <= 0xFF;
            }
            if (fits) {
                return new String(latin1, 0, units, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        }
        char[] out = new char[units];
        for (int i = 0; i < units; i++) {
            out[i] = charAt(spec, b, at, units, i);
        }
        return new String(out);
    }

    /** A binary field's value bytes (hex-encoded content decoded); text fields give their characters as Latin-1. */
    static byte[] bytes(FieldSpec spec, byte[] b, int at, int units) {
        switch (spec.content()) {
            case BINARY: {
                byte[] out = new byte[units];
                System.arraycopy(b, at, out, 0, units);
                return out;
            }
            case ASCII_HEX:
            case EBCDIC_HEX: {
                if (spec.kind() != FieldKind.BINARY && spec.kind() != FieldKind.BITMAP) {
                    break;
                }
                byte[] out = new byte[units];
                for (int i = 0; i < units; i++) {
                    out[i] = (byte) ((hexValue(spec.content(), b[at + 2 * i]) << 4)
                            | hexValue(spec.content(), b[at + 2 * i + 1]));
                }
                return out;
            }
            default:
                break;
        }
        return string(spec, b, at, units).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The value as a number; {@code NumberFormatException} when it is not 1..18 digits. */
    static long number(FieldSpec spec, byte[] b, int at, int units) {
        if (spec.kind() != FieldKind.NUMERIC && spec.kind() != FieldKind.CHAR || units == 0 || units > 18) {
            throw new NumberFormatException("field " + spec.number() + " is not a number of 1 to 18 digits");
        }
        long v = 0;
        for (int i = 0; i < units; i++) {
            char c = charAt(spec, b, at, units, i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("field " + spec.number() + " holds a non-digit");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    // ---- writing --------------------------------------------------------------------------------

    /** Units (digits, characters, bytes) of a String value for this field; binary values are hex. */
    static int units(FieldSpec spec, String value) {
        return spec.kind() == FieldKind.BINARY ? value.length() / 2 : value.length();
    }

    static int wireLength(FieldSpec spec, int units) {
        return spec.prefixBytes() + spec.contentBytes(units);
    }

    static void writePrefix(FieldSpec spec, ByteBuf out, int units) {
        if (spec.isFixed()) {
            return;
        }
        int value = spec.prefixValue(units);
        int digits = spec.lengthType().digits();
        switch (spec.prefix()) {
            case BCD:
                if (spec.prefixBytes() == 1) {
                    out.writeByte(((value / 10) << 4) | (value % 10));
                } else {
                    int hundreds = value / 100;
                    int rest = value % 100;
                    out.writeByte(((hundreds / 10) << 4) | (hundreds % 10));
                    out.writeByte(((rest / 10) << 4) | (rest % 10));
                }
                break;
            case ASCII:
            case EBCDIC:
                for (int p = pow10(digits - 1); p > 0; p /= 10) {
                    char c = (char) ('0' + value / p % 10);
                    out.writeByte(spec.prefix() == Encoding.EBCDIC ? Ebcdic.fromChar(c) : c);
                }
                break;
            case BINARY:
                if (spec.prefixBytes() == 1) {
                    out.writeByte(value);
                } else {
                    out.writeShort(value);
                }
                break;
            default:
                throw new IllegalStateException("no prefix encoding for " + spec);
        }
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /** Writes a text, numeric or amount value (or a binary value given as hex). */
    static void writeContent(FieldSpec spec, ByteBuf out, String value) {
        switch (spec.content()) {
            case BCD: {
                int from = 0;
                if (spec.kind() == FieldKind.AMOUNT) {
                    out.writeByte(value.charAt(0));
                    from = 1;
                }
                writeBcd(out, value, from, value.length() - from,
                        spec.kind() == FieldKind.AMOUNT || spec.rightAligned(), spec.padNibble());
                break;
            }
            case ASCII:
                for (int i = 0; i < value.length(); i++) {
                    out.writeByte(value.charAt(i));
                }
                break;
            case EBCDIC:
                for (int i = 0; i < value.length(); i++) {
                    out.writeByte(Ebcdic.fromChar(value.charAt(i)));
                }
                break;
            case BINARY:
                for (int i = 0; i + 1 < value.length(); i += 2) {
                    out.writeByte((hexValue(Encoding.ASCII_HEX, (byte) value.charAt(i)) << 4)
                            | hexValue(Encoding.ASCII_HEX, (byte) value.charAt(i + 1)));
                }
                break;
            case ASCII_HEX:
            case EBCDIC_HEX:
                for (int i = 0; i < value.length(); i++) {
                    char c = Character.toUpperCase(value.charAt(i));
                    out.writeByte(spec.content() == Encoding.EBCDIC_HEX ? Ebcdic.fromChar(c) : c);
                }
                break;
            default:
                throw new IllegalStateException("no content encoding for " + spec);
        }
    }

    static void writeBytes(FieldSpec spec, ByteBuf out, byte[] value) {
        switch (spec.content()) {
            case BINARY:
                out.writeBytes(value);
                break;
            case ASCII_HEX:
            case EBCDIC_HEX:
                for (byte v : value) {
                    byte hi = HEX[(v >> 4) & 0x0F];
                    byte lo = HEX[v & 0x0F];
                    if (spec.content() == Encoding.EBCDIC_HEX) {
                        hi = Ebcdic.fromChar((char) hi);
                        lo = Ebcdic.fromChar((char) lo);
                    }
                    out.writeByte(hi);
                    out.writeByte(lo);
                }
                break;
            default:
                throw new IllegalStateException("field " + spec.number() + " is not binary");
        }
    }

    // ---- numbers, written digit by digit without a String ---------------------------------------

    /** Whether a number can be written straight into this field's content encoding. */
    static boolean writesNumbers(FieldSpec spec) {
        switch (spec.content()) {
            case ASCII:
            case EBCDIC:
                return true;
            case BCD:
                return spec.kind() == FieldKind.NUMERIC;
            default:
                return false;
        }
    }

    /** Decimal digits of a non-negative number (1 for zero). */
    static int digits(long value) {
        int n = 1;
        for (long v = value / 10; v != 0; v /= 10) {
            n++;
        }
        return n;
    }

    /** Units a non-negative number takes: a fixed field's length (zero-padded), else its digits. */
    static int numberUnits(FieldSpec spec, long value) {
        return spec.isFixed() ? spec.maxLength() : digits(value);
    }

    /** The number as {@link #writeNumber} writes it, as text. */
    static String numberText(FieldSpec spec, long value) {
        int units = numberUnits(spec, value);
        char[] out = new char[units];
        for (int i = 0; i < units; i++) {
            out[i] = (char) ('0' + digitAt(value, units, i));
        }
        return new String(out);
    }

    /** Writes a non-negative number as {@code units} decimal digits, zero-padded on the left. */
    static void writeNumber(FieldSpec spec, ByteBuf out, long value, int units) {
        if (spec.content() == Encoding.BCD) {
            int pad = spec.padNibble();
            int i = 0;
            if ((units & 1) == 1 && spec.rightAligned()) {
                out.writeByte((pad << 4) | digitAt(value, units, i++));
            }
            while (units - i >= 2) {
                out.writeByte((digitAt(value, units, i) << 4) | digitAt(value, units, i + 1));
                i += 2;
            }
            if (i < units) {
                out.writeByte((digitAt(value, units, i) << 4) | pad);
            }
            return;
        }
        for (int i = 0; i < units; i++) {
            char c = (char) ('0' + digitAt(value, units, i));
            out.writeByte(spec.content() == Encoding.EBCDIC ? Ebcdic.fromChar(c) : c);
        }
    }

    /** Digit {@code i} (from the left) of {@code value} written as {@code units} zero-padded digits. */
    private static int digitAt(long value, int units, int i) {
        int power = units - 1 - i;
        if (power > 18) {
            return 0;
        }
        long v = value;
        for (int p = 0; p < power; p++) {
            v /= 10;
        }
        return (int) (v % 10);
    }

    private static void writeBcd(ByteBuf out, String s, int from, int digits, boolean rightAligned, int pad) {
        boolean odd = (digits & 1) == 1;
        int i = from;
        int end = from + digits;
        if (odd && rightAligned) {
            out.writeByte((pad << 4) | (s.charAt(i++) - '0'));
        }
        while (end - i >= 2) {
            out.writeByte(((s.charAt(i) - '0') << 4) | (s.charAt(i + 1) - '0'));
            i += 2;
        }
        if (i < end) {
            out.writeByte(((s.charAt(i) - '0') << 4) | pad);
        }
    }
}
