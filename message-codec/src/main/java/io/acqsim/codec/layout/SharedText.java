package io.acqsim.codec.layout;

import java.nio.charset.StandardCharsets;

/**
 * Strings for field values that repeat from message to message (terminal ids, merchant ids, batch
 * numbers), found without making a String: the value's characters are hashed where they lie in
 * the frame and compared with the String a table keeps for that hash; only a value not seen
 * before (or pushed out since) makes a new one. The table is fixed (8,192 entries, two per hash),
 * so a peer inventing values costs a String each time, as without it, and holds no more memory.
 *
 * <p>Shared by every thread without a lock: entries are immutable Strings written and read as
 * plain references, so a racing reader finds the old entry, the new one or a miss, all correct.
 */
final class SharedText {
    /** Longer values are not kept (they are not ids). */
    static final int MAX_UNITS = 40;
    private static final int SIZE = 1 << 13;
    private static final String[] TABLE = new String[SIZE];
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[MAX_UNITS]);

    private SharedText() {
    }

    /**
     * Characters {@code from} to {@code to} of a numeric or text value of {@code units} units at
     * {@code at}, as a shared String.
     */
    static String of(FieldSpec spec, byte[] b, int at, int units, int from, int to) {
        int n = to - from;
        int h = n;
        for (int i = from; i < to; i++) {
            h = 31 * h + FieldCodec.charAt(spec, b, at, units, i);
        }
        h ^= h >>> 16;
        int slot = (h * 0x9E3779B1) >>> 19 & (SIZE - 2);
        String first = TABLE[slot];
        if (matches(first, spec, b, at, units, from, to)) {
            return first;
        }
        String second = TABLE[slot + 1];
        if (matches(second, spec, b, at, units, from, to)) {
            return second;
        }
        String made = make(spec, b, at, units, from, to);
        TABLE[slot + 1] = first;
        TABLE[slot] = made;
        return made;
    }

    private static boolean matches(String s, FieldSpec spec, byte[] b, int at, int units, int from, int to) {
        if (s == null || s.length() != to - from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i - from) != FieldCodec.charAt(spec, b, at, units, i)) {
                return false;
            }
        }
        return true;
    }

    private static String make(FieldSpec spec, byte[] b, int at, int units, int from, int to) {
        byte[] scratch = SCRATCH.get();
        for (int i = from; i < to; i++) {
            char c = FieldCodec.charAt(spec, b, at, units, i);
            if (c > 0xFF) {
                return FieldCodec.string(spec, b, at, units).substring(from, to);
            }
            scratch[i - from] = (byte) c;
        }
        return new String(scratch, 0, to - from, StandardCharsets.ISO_8859_1);
    }
}
