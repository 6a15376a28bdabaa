package io.acqsim.codec.layout;

import io.acqsim.codec.CodecException;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * A dialect's field layout as data: for each field number 0 (MTI) to 128 its {@link FieldSpec},
 * or none when the dialect does not define the field. Built once at start (from a jPOS packager by
 * {@link PackagerLayout}, or from any other table) and then only read, by any number of threads.
 *
 * <p>{@link #decode} finds every present field's offset and length once and returns a
 * {@link MessageView}; {@link #write} encodes a {@link MessageBuilder} straight into a buffer whose
 * size {@link #encodedLength} gave beforehand.
 */
public final class Layout {
    /** Highest field number any layout may define (primary + secondary bitmap). */
    public static final int MAX_FIELDS = 128;

    private final String name;
    private final FieldSpec[] fields;
    private final int maxField;
    private final SubLayout[] composites;

    /**
     * @param fields index = field number; entry 0 (MTI) and 1 (bitmap) are required, others may be null
     */
    public Layout(String name, FieldSpec[] fields) {
        this(name, fields, null);
    }

    /**
     * @param composites index = field number: the inside of each composite field, null elsewhere (or
     *                   no array at all); the outer field keeps its own spec in {@code fields}
     */
    public Layout(String name, FieldSpec[] fields, SubLayout[] composites) {
        this.name = name;
        this.composites = new SubLayout[MAX_FIELDS + 1];
        if (composites != null) {
            for (int i = 0; i < composites.length && i <= MAX_FIELDS; i++) {
                if (composites[i] != null && (i < 2 || fields.length <= i || fields[i] == null)) {
                    throw new IllegalArgumentException(name + ": composite field " + i + " has no outer spec");
                }
                this.composites[i] = composites[i];
            }
        }
        if (fields.length < 2 || fields[0] == null || fields[1] == null) {
            throw new IllegalArgumentException(name + ": a layout needs field 0 (MTI) and field 1 (bitmap)");
        }
        if (fields[1].kind() != FieldKind.BITMAP) {
            throw new IllegalArgumentException(name + ": field 1 must be a bitmap, got " + fields[1]);
        }
        if (fields.length > MAX_FIELDS + 1) {
            throw new IllegalArgumentException(name + ": more than " + MAX_FIELDS + " fields");
        }
        this.fields = Arrays.copyOf(fields, MAX_FIELDS + 1);
        for (int i = 0; i <= MAX_FIELDS; i++) {
            if (this.fields[i] != null && this.fields[i].number() != i) {
                throw new IllegalArgumentException(name + ": entry " + i + " describes field " + this.fields[i].number());
            }
        }
        this.maxField = fields[1].maxLength() > 8 ? 128 : 64;
        for (int i = maxField + 1; i <= MAX_FIELDS; i++) {
            if (this.fields[i] != null) {
                throw new IllegalArgumentException(name + ": field " + i + " needs a secondary bitmap, which field 1 ("
                        + fields[1].maxLength() + " bytes) does not have");
            }
        }
    }

    public String name() {
        return name;
    }

    /** The spec of {@code field}, or null when the layout does not define it. */
    public FieldSpec field(int field) {
        return field >= 0 && field <= MAX_FIELDS ? fields[field] : null;
    }

    /** The sub-fields of composite field {@code field}, or null when it is not composite. */
    public SubLayout composite(int field) {
        return field >= 0 && field <= MAX_FIELDS ? composites[field] : null;
    }

    /** 64 with a primary bitmap only, 128 when field 1 allows a secondary bitmap. */
    public int maxField() {
        return maxField;
    }

    // ---- decoding -------------------------------------------------------------------------------

    /**
     * Decodes the message that starts at {@code start} (after framing and header) and runs to the end
     * of {@code frame}. On failure the {@link CodecException} names the field and offset and carries
     * the view of the fields read so far ({@link CodecException#partialView()}).
     */
    public MessageView decode(byte[] frame, int start) throws CodecException {
        return decode(frame, start, null);
    }

    /**
     * {@link #decode(byte[], int)} into {@code reuse} (a view of this layout its owner is done
     * with: nothing may read it any more), or into a new view when {@code reuse} is null or of
     * another layout. On failure {@code reuse} is the partial view.
     */
    public MessageView decode(byte[] frame, int start, MessageView reuse) throws CodecException {
        MessageView view = reuse != null && reuse.layout() == this ? reuse.reset(frame, start)
                : new MessageView(this, frame, start);
        int end = frame.length;
        int at = start;
        int field = 0;
        try {
            FieldSpec mti = fields[0];
            int units = mti.maxLength();
            int bytes = FieldCodec.wireLength(mti, units);
            if (at + bytes > end) {
                throw fail("frame ends inside the MTI", 0, at, frame, null);
            }
            String bad = FieldCodec.checkContent(mti, frame, at, units);
            if (bad != null || units != 4) {
                throw fail("MTI is not four digits", 0, at, frame, null);
            }
            at += bytes;
            view.mtiRead();
            field = 1;
            at = readBitmap(view, frame, at, end);
            long lo = view.announcedLo();
            long hi = view.announcedHi();
            while (lo != 0) {
                field = Long.numberOfTrailingZeros(lo) + 1;
                lo &= lo - 1;
                at = readField(view, field, frame, at, end);
            }
            while (hi != 0) {
                field = Long.numberOfTrailingZeros(hi) + 65;
                hi &= hi - 1;
                at = readField(view, field, frame, at, end);
            }
            if (at != end) {
                throw fail((end - at) + " bytes left over after the last field", -1, at, frame, view);
            }
            return view;
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new CodecException(reason, field, at, frame, field > 0 ? view : null, e);
        }
    }

    private CodecException fail(String reason, int field, int at, byte[] frame, MessageView partial) {
        return new CodecException(reason, field, at, frame, partial, null);
    }

    private int readBitmap(MessageView view, byte[] frame, int at, int end) throws CodecException {
        FieldSpec spec = fields[1];
        int perMap = spec.contentBytes(8);
        if (at + perMap > end) {
            throw fail("frame ends inside the bitmap", 1, at, frame, view);
        }
        long primary = readBitmapWord(spec, frame, at, view);
        int next = at + perMap;
        long secondary = 0;
        if (primary < 0) { // the top bit (field 1) announces a secondary bitmap
            if (maxField <= 64) {
                throw fail("bitmap announces a secondary bitmap, which the " + name + " layout does not have", 1,
                        at, frame, view);
            }
            if (next + perMap > end) {
                throw fail("frame ends inside the secondary bitmap", 1, next, frame, view);
            }
            secondary = readBitmapWord(spec, frame, next, view);
            next += perMap;
        }
        view.announce(Long.reverse(primary) & ~1L, Long.reverse(secondary));
        return next;
    }

    private long readBitmapWord(FieldSpec spec, byte[] frame, int at, MessageView view) throws CodecException {
        long word = 0;
        if (spec.content() == Encoding.BINARY) {
            for (int i = 0; i < 8; i++) {
                word = (word << 8) | (frame[at + i] & 0xFF);
            }
            return word;
        }
        for (int i = 0; i < 16; i++) {
            int v = FieldCodec.hexValue(spec.content(), frame[at + i]);
            if (v < 0) {
                throw fail("bitmap holds a non-hex character", 1, at + i, frame, view);
            }
            word = (word << 4) | v;
        }
        return word;
    }

    private int readField(MessageView view, int field, byte[] frame, int at, int end) throws CodecException {
        FieldSpec spec = fields[field];
        if (spec == null) {
            throw fail("field is not defined in the " + name + " layout", field, at, frame, view);
        }
        if (at >= end) {
            throw fail("frame ends before the field", field, at, frame, view);
        }
        int prefix = spec.prefixBytes();
        if (at + prefix > end) {
            throw fail(runsPastTheEnd(end, at), field, at, frame, view);
        }
        int units;
        if (spec.isFixed()) {
            units = spec.maxLength();
        } else {
            int announced = FieldCodec.readPrefix(spec, frame, at);
            if (announced == FieldCodec.BAD) {
                throw fail("length prefix is not a number", field, at, frame, view);
            }
            units = announced;
            if (spec.prefixCountsBytes()) {
                units = announced * 2;
                if (units > 0 && at + prefix + announced <= end && !spec.rightAligned()
                        && (frame[at + prefix + announced - 1] & 0x0F) == spec.padNibble()) {
                    units--;
                }
            }
            if (units > spec.maxLength()) {
                throw fail("length " + units + " exceeds the maximum of " + spec.maxLength(), field, at, frame, view);
            }
        }
        int content = spec.contentBytes(units);
        if (at + prefix + content > end) {
            throw fail(runsPastTheEnd(end, at), field, at, frame, view);
        }
        String bad = FieldCodec.checkContent(spec, frame, at + prefix, units);
        if (bad != null) {
            throw fail(bad, field, at, frame, view);
        }
        view.found(field, at + prefix, units);
        return at + prefix + content;
    }

    private static String runsPastTheEnd(int end, int at) {
        return "field runs past the end of the frame (" + (end - at) + " bytes left)";
    }

    // ---- encoding -------------------------------------------------------------------------------

    /** Bytes {@link #write} will write for this message: MTI, bitmap(s) and fields, no framing. */
    public int encodedLength(MessageBuilder m) {
        int n = FieldCodec.wireLength(fields[0], 4) + fields[1].contentBytes(m.hasSecondary() ? 16 : 8);
        for (long l = m.lo(); l != 0; l &= l - 1) {
            n += m.wireLength(Long.numberOfTrailingZeros(l) + 1);
        }
        for (long h = m.hi(); h != 0; h &= h - 1) {
            n += m.wireLength(Long.numberOfTrailingZeros(h) + 65);
        }
        return n;
    }

    /** Writes MTI, bitmap and every field of {@code m} in field order. */
    public void write(MessageBuilder m, ByteBuf out) {
        FieldCodec.writeContent(fields[0], out, m.mti());
        long lo = m.lo();
        long hi = m.hi();
        boolean secondary = hi != 0;
        writeBitmapWord(out, Long.reverse(lo | (secondary ? 1L : 0L)));
        if (secondary) {
            writeBitmapWord(out, Long.reverse(hi));
        }
        for (long l = lo; l != 0; l &= l - 1) {
            m.writeField(Long.numberOfTrailingZeros(l) + 1, out);
        }
        for (long h = hi; h != 0; h &= h - 1) {
            m.writeField(Long.numberOfTrailingZeros(h) + 65, out);
        }
    }

    private void writeBitmapWord(ByteBuf out, long word) {
        FieldSpec spec = fields[1];
        if (spec.content() == Encoding.BINARY) {
            out.writeLong(word);
            return;
        }
        for (int shift = 60; shift >= 0; shift -= 4) {
            char c = Character.forDigit((int) (word >>> shift) & 0x0F, 16);
            c = Character.toUpperCase(c);
            out.writeByte(spec.content() == Encoding.EBCDIC_HEX ? Ebcdic.fromChar(c) : c);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
