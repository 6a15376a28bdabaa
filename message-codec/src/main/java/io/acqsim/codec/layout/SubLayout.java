package io.acqsim.codec.layout;

/**
 * The inside of a composite field (a jPOS {@code ISOMsgFieldPackager} with a sub-packager such as
 * {@code GenericSubFieldPackager}): sub-fields one after another in number order, either all at
 * fixed positions (no sub-bitmap: a sub-field is present while bytes remain) or announced by a
 * sub-bitmap in sub-field 1. The engine keeps carrying the outer field as one value on the wire;
 * a sub-field is read from the outer field's content only when asked ({@link #string}).
 *
 * <p>Immutable once built; safe to read from any thread.
 */
public final class SubLayout {
    private final String name;
    private final FieldSpec[] fields;
    private final boolean bitmap;
    private final int first;

    /**
     * @param fields index = sub-field number (0..128), null where the sub-packager defines none
     * @param bitmap whether sub-field 1 is a bitmap announcing the sub-fields that follow
     * @param first  the first sub-field read (jPOS {@code getFirstField()}: 2 after a sub-bitmap, else 1)
     */
    public SubLayout(String name, FieldSpec[] fields, boolean bitmap, int first) {
        this.name = name;
        this.fields = java.util.Arrays.copyOf(fields, Layout.MAX_FIELDS + 1);
        this.bitmap = bitmap;
        if (bitmap && (this.fields[1] == null || this.fields[1].kind() != FieldKind.BITMAP)) {
            throw new IllegalArgumentException(name + ": a sub-bitmap must be sub-field 1");
        }
        if (first < 0 || first > Layout.MAX_FIELDS || bitmap && first < 2) {
            throw new IllegalArgumentException(name + ": first sub-field " + first);
        }
        this.first = first;
    }

    public String name() {
        return name;
    }

    /** The spec of sub-field {@code sub}, or null when the sub-packager does not define it. */
    public FieldSpec field(int sub) {
        return sub >= 0 && sub <= Layout.MAX_FIELDS ? fields[sub] : null;
    }

    /** Whether {@code sub} is a sub-field this layout reads (the sub-bitmap and skipped ones are not). */
    public boolean defines(int sub) {
        return field(sub) != null && sub >= first;
    }

    /** Whether the sub-fields are announced by a sub-bitmap (sub-field 1). */
    public boolean hasBitmap() {
        return bitmap;
    }

    /**
     * Sub-field {@code sub} of the outer field's {@code content} (its value bytes as jPOS hands them
     * to the sub-packager), as jPOS shows it; null when absent.
     *
     * @throws IllegalArgumentException when the content does not follow this layout
     */
    public String string(byte[] content, int sub) {
        long[] found = locate(content, sub);
        if (found == null) {
            return null;
        }
        return FieldCodec.string(fields[sub], content, (int) (found[0]), (int) found[1]);
    }

    /** {offset, units} of sub-field {@code sub} in {@code content}, or null when absent. */
    private long[] locate(byte[] content, int sub) {
        if (!defines(sub)) {
            return null;
        }
        int at = 0;
        int end = content.length;
        long lo = -1L;
        long hi = -1L;
        int max = Layout.MAX_FIELDS;
        if (bitmap) {
            FieldSpec bm = fields[1];
            int per = bm.contentBytes(8);
            if (per > end) {
                throw new IllegalArgumentException(name + ": content ends inside the sub-bitmap");
            }
            lo = word(bm, content, 0);
            at = per;
            hi = 0;
            max = 64;
            if (lo < 0 && bm.maxLength() > 8) {
                if (at + per > end) {
                    throw new IllegalArgumentException(name + ": content ends inside the secondary sub-bitmap");
                }
                hi = word(bm, content, at);
                at += per;
                max = 128;
            }
        }
        for (int i = first; i <= max && at < end; i++) {
            boolean present = !bitmap || (i <= 64 ? (lo << (i - 1)) < 0 : (hi << (i - 65)) < 0);
            if (!present) {
                continue;
            }
            FieldSpec spec = fields[i];
            if (spec == null) {
                if (bitmap) {
                    throw new IllegalArgumentException(name + ": the sub-bitmap announces sub-field " + i
                            + ", which the sub-packager does not define");
                }
                continue;
            }
            int prefix = spec.prefixBytes();
            int units = spec.maxLength();
            if (!spec.isFixed()) {
                if (at + prefix > end) {
                    throw new IllegalArgumentException(name + ": content ends inside sub-field " + i + "'s length");
                }
                units = FieldCodec.readPrefix(spec, content, at);
                if (units == FieldCodec.BAD || units > spec.maxLength()) {
                    throw new IllegalArgumentException(name + ": sub-field " + i + " has a bad length");
                }
            }
            int bytes = spec.contentBytes(units);
            if (at + prefix + bytes > end) {
                throw new IllegalArgumentException(name + ": sub-field " + i + " runs past the end of the field");
            }
            if (i == sub) {
                return new long[] {at + prefix, units};
            }
            at += prefix + bytes;
        }
        return null;
    }

    private static long word(FieldSpec spec, byte[] b, int at) {
        long w = 0;
        if (spec.content() == Encoding.BINARY) {
            for (int i = 0; i < 8; i++) {
                w = (w << 8) | (b[at + i] & 0xFF);
            }
            return w;
        }
        for (int i = 0; i < 16; i++) {
            int v = FieldCodec.hexValue(spec.content(), b[at + i]);
            if (v < 0) {
                throw new IllegalArgumentException("sub-bitmap holds a non-hex character");
            }
            w = (w << 4) | v;
        }
        return w;
    }

    @Override
    public String toString() {
        return name;
    }
}
