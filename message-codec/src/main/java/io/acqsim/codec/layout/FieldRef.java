package io.acqsim.codec.layout;

/**
 * A field or a sub-field of a composite field, as configuration names it: {@code 41}, {@code 48.2},
 * {@code 127.2}. Parse once at start ({@link #parse}), check it against the layout
 * ({@link #check}), then read it from any {@link MessageView} ({@link MessageView#string(FieldRef)}).
 *
 * @param sub the sub-field number, or -1 for the whole field
 */
public record FieldRef(int field, int sub) {
    public FieldRef {
        if (field < 0 || field > Layout.MAX_FIELDS || sub < -1 || sub > Layout.MAX_FIELDS) {
            throw new IllegalArgumentException("no such field: " + field + (sub >= 0 ? "." + sub : ""));
        }
    }

    /**
     * {@code N} or {@code N.M}.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static FieldRef parse(String text) {
        String t = text == null ? "" : text.trim();
        int dot = t.indexOf('.');
        try {
            if (dot < 0) {
                return new FieldRef(Integer.parseInt(t), -1);
            }
            return new FieldRef(Integer.parseInt(t.substring(0, dot)), Integer.parseInt(t.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a field (N) or a sub-field (N.M)");
        }
    }

    /** {@link #parse}, under the name Jackson looks for when a {@code FieldRef} is a map key. */
    public static FieldRef valueOf(String text) {
        return parse(text);
    }

    public boolean isSub() {
        return sub >= 0;
    }

    /**
     * Null when {@code layout} defines this field (and, for {@code N.M}, declares {@code N} composite
     * with a sub-field {@code M}); otherwise why not.
     */
    public String problemIn(Layout layout) {
        if (layout.field(field) == null) {
            return "the " + layout.name() + " layout has no field " + field;
        }
        if (!isSub()) {
            return null;
        }
        SubLayout inner = layout.composite(field);
        if (inner == null) {
            return "field " + field + " of the " + layout.name() + " layout is not composite (no sub-fields)";
        }
        if (!inner.defines(sub)) {
            return "composite field " + field + " of the " + layout.name() + " layout has no sub-field " + sub;
        }
        return null;
    }

    @Override
    public String toString() {
        return isSub() ? field + "." + sub : Integer.toString(field);
    }
}
