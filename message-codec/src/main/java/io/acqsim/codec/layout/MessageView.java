package io.acqsim.codec.layout;

/**
 * A decoded message as a view over its frame's bytes: where each present field starts and how
 * long it is were found once by {@link Layout#decode}; a field's value is decoded only when asked
 * ({@link #string}, {@link #number}, {@link #bytes}). Holds the frame, two bitmap words and one
 * {@code long} per present field, nothing per field beyond that.
 *
 * <p>A view that came out of a failed decode ({@code CodecException#partialView()}) holds the MTI
 * (when it was readable) and the fields read before the failure; {@link #complete()} is false.
 *
 * <p>Not thread-safe to build, safe to read from any thread once handed over.
 */
public final class MessageView implements IsoFields {
    private static final String[] MTI_NAMES = new String[10_000];

    private final Layout layout;
    private byte[] frame;
    private int start;
    private boolean mti;
    /** The fields the bitmap announced; the first {@code count} of them (in field order) were read. */
    private long lo;
    private long hi;
    /**
     * Per field read, in field order: value offset in the high 16 bits, units in the low 16, for a
     * frame of at most {@value #PACKED_FRAME} bytes (every frame a listener takes); null otherwise.
     */
    private int[] slots;
    /** The same for a bigger frame: offset in the high 32 bits, units in the low 32. */
    private long[] wideSlots;
    private int count;
    private boolean complete;

    /** Frames up to this size keep each field's place in one int: offsets below 2^15, units below 2^16. */
    static final int PACKED_FRAME = Short.MAX_VALUE;

    MessageView(Layout layout, byte[] frame, int start) {
        this.layout = layout;
        this.frame = frame;
        this.start = start;
    }

    // ---- filled by Layout.decode -----------------------------------------------------------------

    /** Empties this view for {@link Layout#decode(byte[], int, MessageView)} to read another frame into. */
    MessageView reset(byte[] frame, int start) {
        this.frame = frame;
        this.start = start;
        this.mti = false;
        this.lo = 0;
        this.hi = 0;
        this.count = 0;
        this.complete = false;
        return this;
    }

    void mtiRead() {
        mti = true;
    }

    void announce(long primaryFields, long secondaryFields) {
        lo = primaryFields;
        hi = secondaryFields;
        int n = Long.bitCount(primaryFields) + Long.bitCount(secondaryFields);
        // a view read again (reset) keeps its array when the new message has as many fields
        if (frame.length <= PACKED_FRAME) {
            slots = slots != null && slots.length == n ? slots : new int[n];
            wideSlots = null;
        } else {
            wideSlots = wideSlots != null && wideSlots.length == n ? wideSlots : new long[n];
            slots = null;
        }
    }

    long announcedLo() {
        return lo;
    }

    long announcedHi() {
        return hi;
    }

    /** Field {@code field}, the next the bitmap announced, was read: where its value is and how long. */
    void found(int field, int valueOffset, int units) {
        if (slots != null) {
            slots[count++] = valueOffset << 16 | units;
            complete = count == slots.length;
        } else {
            wideSlots[count++] = ((long) valueOffset << 32) | units;
            complete = count == wideSlots.length;
        }
    }

    // ---- reading ---------------------------------------------------------------------------------

    public Layout layout() {
        return layout;
    }

    /** The frame body the view reads from (everything after the length prefix). Do not modify. */
    public byte[] frame() {
        return frame;
    }

    /** Offset of the MTI in {@link #frame()}: the bytes before it are the TPDU and header. */
    public int messageStart() {
        return start;
    }

    /** Whether every field the bitmap announced was read (false only for the view of a failed decode). */
    public boolean complete() {
        return complete || (mti && (slots != null && slots.length == 0 || wideSlots != null && wideSlots.length == 0));
    }

    /** The MTI, or null when not even that was readable (a shared String: no allocation). */
    public String mti() {
        return mti ? mtiName(mtiCode()) : null;
    }

    /** The MTI as a number ({@code 0200} is 200), or -1 when not readable. */
    public int mtiCode() {
        if (!mti) {
            return -1;
        }
        FieldSpec spec = layout.field(0);
        int code = 0;
        for (int i = 0; i < 4; i++) {
            code = code * 10 + (FieldCodec.charAt(spec, frame, start, 4, i) - '0');
        }
        return code;
    }

    /** The four-digit String of an MTI code, shared (built once per code, safe to publish racily). */
    public static String mtiName(int code) {
        if (code < 0 || code > 9999) {
            throw new IllegalArgumentException("MTI code out of range: " + code);
        }
        String s = MTI_NAMES[code];
        if (s == null) {
            s = new String(new char[] {(char) ('0' + code / 1000), (char) ('0' + code / 100 % 10),
                (char) ('0' + code / 10 % 10), (char) ('0' + code % 10)});
            MTI_NAMES[code] = s;
        }
        return s;
    }

    /** Whether field {@code f} (2..128) is present and was read. */
    public boolean has(int f) {
        if (f == 0) {
            return mti;
        }
        return rank(f) >= 0;
    }

    /** The numbers of the fields read, in order (MTI excluded). */
    public int[] fieldNumbers() {
        int[] out = new int[count];
        long l = lo;
        long h = hi;
        int i = 0;
        while (l != 0 && i < count) {
            out[i++] = Long.numberOfTrailingZeros(l) + 1;
            l &= l - 1;
        }
        while (h != 0 && i < count) {
            out[i++] = Long.numberOfTrailingZeros(h) + 65;
            h &= h - 1;
        }
        return out;
    }

    /** Field {@code f}'s place among the fields read, or -1 when it was not announced or not read. */
    private int rank(int f) {
        if (f <= 1 || f > Layout.MAX_FIELDS) {
            return -1;
        }
        int r;
        if (f <= 64) {
            long bit = 1L << (f - 1);
            if ((lo & bit) == 0) {
                return -1;
            }
            r = Long.bitCount(lo & (bit - 1));
        } else {
            long bit = 1L << (f - 65);
            if ((hi & bit) == 0) {
                return -1;
            }
            r = Long.bitCount(lo) + Long.bitCount(hi & (bit - 1));
        }
        return r < count ? r : -1;
    }

    private int slot(int f) {
        return f == 0 ? -1 : rank(f);
    }

    /** Field {@code f} as jPOS shows it (digits, text, binary as upper-case hex), or null when absent. */
    public String string(int f) {
        if (f == 0) {
            return mti();
        }
        int s = slot(f);
        if (s < 0) {
            return null;
        }
        return FieldCodec.string(layout.field(f), frame, offset(s), units(s));
    }

    /**
     * Field {@code f} as {@link #string} gives it, but the same String instance as for every
     * earlier message that carried the same value, made only the first time the value is seen:
     * for values that repeat (terminal ids, merchant ids, batch numbers). A value that is new every
     * time (a STAN, a PAN) gains nothing from it. Binary and long fields are read as by
     * {@link #string}.
     */
    @Override
    public String shared(int f) {
        int s = slot(f);
        if (s < 0) {
            return f == 0 ? mti() : null;
        }
        FieldSpec spec = layout.field(f);
        if (spec.kind() == FieldKind.BINARY || spec.kind() == FieldKind.BITMAP || units(s) > SharedText.MAX_UNITS) {
            return string(f);
        }
        return SharedText.of(spec, frame, offset(s), units(s), 0, units(s));
    }

    /**
     * Characters {@code from} (inclusive) to {@code to} (exclusive) of field {@code f} as
     * {@link #string} gives it, shared like {@link #shared(int)} (binary fields: of their hex, not
     * shared); null when the field is absent or shorter than {@code to}.
     */
    public String shared(int f, int from, int to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("characters " + from + " to " + to + " of field " + f);
        }
        int s = slot(f);
        if (s < 0) {
            return null;
        }
        FieldSpec spec = layout.field(f);
        if (spec.kind() == FieldKind.BINARY || spec.kind() == FieldKind.BITMAP || to - from > SharedText.MAX_UNITS) {
            String whole = string(f);
            return to > whole.length() ? null : whole.substring(from, to);
        }
        if (to > units(s)) {
            return null;
        }
        return SharedText.of(spec, frame, offset(s), units(s), from, to);
    }

    /** A field, shared like {@link #shared(int)}, or a sub-field as {@link #string(FieldRef)} reads it. */
    public String shared(FieldRef ref) {
        return ref.isSub() ? string(ref) : shared(ref.field());
    }

    @Override
    public boolean appendTo(StringBuilder out, int f) {
        int s = slot(f);
        if (s < 0) {
            if (f == 0 && mti) {
                out.append(mti());
                return true;
            }
            return false;
        }
        FieldSpec spec = layout.field(f);
        if (spec.kind() == FieldKind.BINARY || spec.kind() == FieldKind.BITMAP) {
            out.append(string(f));
            return true;
        }
        int at = offset(s);
        int units = units(s);
        for (int i = 0; i < units; i++) {
            out.append(FieldCodec.charAt(spec, frame, at, units, i));
        }
        return true;
    }

    /**
     * A field or a sub-field as jPOS shows it, or null when absent. A sub-field is read from the
     * outer field's content with the layout's {@link SubLayout} each time it is asked for.
     *
     * @throws IllegalArgumentException when the outer field is not composite or its content does
     *                                  not follow the sub-layout
     */
    public String string(FieldRef ref) {
        if (!ref.isSub()) {
            return string(ref.field());
        }
        SubLayout inner = layout.composite(ref.field());
        if (inner == null) {
            throw new IllegalArgumentException("field " + ref.field() + " of " + layout.name() + " is not composite");
        }
        byte[] content = bytes(ref.field());
        return content == null ? null : inner.string(content, ref.sub());
    }

    /** Field {@code f} as a number without building a String; {@code fallback} when absent. */
    public long number(int f, long fallback) {
        int s = slot(f);
        if (s < 0) {
            return fallback;
        }
        return FieldCodec.number(layout.field(f), frame, offset(s), units(s));
    }

    /** Field {@code f} as a number; {@code NumberFormatException} when absent or not digits. */
    public long number(int f) {
        int s = slot(f);
        if (s < 0) {
            throw new NumberFormatException("field " + f + " is absent");
        }
        return FieldCodec.number(layout.field(f), frame, offset(s), units(s));
    }

    /** A binary field's value bytes (a new array), a text field's characters; null when absent. */
    public byte[] bytes(int f) {
        int s = slot(f);
        if (s < 0) {
            return null;
        }
        return FieldCodec.bytes(layout.field(f), frame, offset(s), units(s));
    }

    /** Whether field {@code f} is present and equals {@code value} exactly, without building a String. */
    public boolean is(int f, CharSequence value) {
        int s = slot(f);
        if (s < 0 || layout.field(f).kind() == FieldKind.BINARY) {
            return s >= 0 && value.toString().equalsIgnoreCase(string(f));
        }
        int units = units(s);
        if (units != value.length()) {
            return false;
        }
        FieldSpec spec = layout.field(f);
        int at = offset(s);
        for (int i = 0; i < units; i++) {
            if (FieldCodec.charAt(spec, frame, at, units, i) != value.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Character {@code i} of a numeric or text field (digit, letter); -1 when absent or shorter. */
    public int charAt(int f, int i) {
        int s = slot(f);
        if (s < 0 || i >= units(s) || layout.field(f).kind() == FieldKind.BINARY) {
            return -1;
        }
        return FieldCodec.charAt(layout.field(f), frame, offset(s), units(s), i);
    }

    /** Digits, characters or value bytes of field {@code f} (what a length prefix counts); -1 when absent. */
    public int length(int f) {
        int s = slot(f);
        return s < 0 ? -1 : units(s);
    }

    /** Where field {@code f} starts on the wire, length prefix included; -1 when absent. */
    public int wireStart(int f) {
        int s = slot(f);
        return s < 0 ? -1 : offset(s) - layout.field(f).prefixBytes();
    }

    /** Bytes field {@code f} takes on the wire, length prefix included; -1 when absent. */
    public int wireLength(int f) {
        int s = slot(f);
        return s < 0 ? -1 : FieldCodec.wireLength(layout.field(f), units(s));
    }

    /** Offset of the end of the last field read (the end of the frame for a complete view). */
    public int end() {
        if (count == 0) {
            return start;
        }
        int[] numbers = fieldNumbers();
        int last = numbers[numbers.length - 1];
        return wireStart(last) + wireLength(last);
    }

    private int offset(int slot) {
        return slots != null ? slots[slot] >>> 16 : (int) (wideSlots[slot] >>> 32);
    }

    private int units(int slot) {
        return slots != null ? slots[slot] & 0xFFFF : (int) wideSlots[slot];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(mti ? mti() : "????");
        for (int f : fieldNumbers()) {
            sb.append(' ').append(f).append('=').append(io.acqsim.codec.field.Masking.field(f, string(f),
                    layout.field(f).kind() == FieldKind.BINARY));
        }
        return sb.toString();
    }
}
