package io.acqsim.core.reversal;

/**
 * A system trace audit number kept as a number: one {@code int} per journaled transaction and key
 * instead of a {@code String} of six digits. Anything that is not 1 to 9 digits (never seen from
 * the codec, which checks numeric fields) is kept as text beside it.
 */
public final class Stan {
    /** The value when the text is not numeric. */
    public static final int NOT_NUMERIC = -1;

    private Stan() {
    }

    /** The number a STAN's digits make, or {@link #NOT_NUMERIC}. */
    public static int parse(String stan) {
        if (stan == null || stan.isEmpty() || stan.length() > 9) {
            return NOT_NUMERIC;
        }
        int v = 0;
        for (int i = 0; i < stan.length(); i++) {
            char c = stan.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_NUMERIC;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The text to keep beside the number: null when the number says it all. */
    public static String residue(String stan, int parsed) {
        return parsed != NOT_NUMERIC && stan.length() == 6 ? null : stan;
    }

    /** The STAN as the wire carries it. */
    public static String text(int stan, String residue) {
        if (residue != null) {
            return residue;
        }
        char[] c = new char[6];
        int v = stan;
        for (int i = 5; i >= 0; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return new String(c);
    }
}
