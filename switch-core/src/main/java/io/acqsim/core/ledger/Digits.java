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
}
