package io.acqsim.core.ledger;

/** Zero-padded decimal numbers for wire fields, without {@link String#format}'s parsing on every call. */
public final class Digits {
    private Digits() {
    }

    /** {@code value} as exactly {@code width} digits, zero-padded on the left (high digits beyond it dropped). */
    public static String pad(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        char[] c = new char[width];
        long v = value;
        for (int i = width - 1; i >= 0; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return new String(c);
    }

    /** The number exactly {@code length} decimal digits make, or -1 when {@code text} is anything else. */
    public static long parse(String text, int length) {
        if (text == null || text.length() != length || length > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
