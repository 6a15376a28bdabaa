package io.acqsim.codec.dialect;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jpos.iso.ISOBitMap;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;

/**
 * Where each field of a frame body lies, byte by byte, found with the dialect's field packagers.
 * Unlike {@link Dialect#decode} it does not insist that numeric fields hold digits, so it also
 * reads a masked dump (a PAN whose middle is {@code *} or BCD {@code F} nibbles). Off the hot
 * path: dumps, traces and replay use it.
 */
public final class FieldSpans {
    private FieldSpans() {
    }

    /**
     * One field: {@code [start, end)} in the body, length prefix included, and its value as the
     * packager reads it (a {@code String} or a {@code byte[]}).
     */
    public record Span(int field, int start, int end, Object value, ISOFieldPackager packager) {
        public int length() {
            return end - start;
        }
    }

    /**
     * The fields of a frame body (everything after the length prefix) in wire order, MTI (field 0)
     * and bitmap (field 1) included.
     *
     * @throws ISOException when the bytes do not follow the layout
     */
    public static List<Span> of(Dialect dialect, byte[] body) throws ISOException {
        List<Span> spans = new ArrayList<>();
        int offset = dialect.envelopeLength();
        try {
            offset = add(spans, dialect, 0, body, offset);
            ISOFieldPackager bitmapPackager = dialect.packager().getFieldPackager(1);
            ISOBitMap bitmap = new ISOBitMap(-1);
            int consumed = bitmapPackager.unpack(bitmap, body, offset);
            BitSet bits = (BitSet) bitmap.getValue();
            spans.add(new Span(1, offset, offset + consumed, bits, bitmapPackager));
            offset += consumed;
            for (int field = 2; field < bits.length(); field++) {
                if (bits.get(field)) {
                    offset = add(spans, dialect, field, body, offset);
                }
            }
        } catch (RuntimeException e) {
            throw new ISOException("field layout does not fit at byte " + offset + ": " + e, e);
        }
        if (offset != body.length) {
            throw new ISOException((body.length - offset) + " bytes left over after the last field");
        }
        return spans;
    }

    private static int add(List<Span> spans, Dialect dialect, int field, byte[] body, int offset) throws ISOException {
        ISOFieldPackager fp = dialect.packager().getFieldPackager(field);
        if (fp == null) {
            throw new ISOException("field " + field + " is not defined in the " + dialect.name() + " layout");
        }
        if (offset >= body.length) {
            throw new ISOException("frame ends before field " + field);
        }
        ISOComponent c = fp.createComponent(field);
        int consumed = fp.unpack(c, body, offset);
        if (consumed <= 0 || offset + consumed > body.length) {
            throw new ISOException("field " + field + " runs past the end of the frame");
        }
        spans.add(new Span(field, offset, offset + consumed, c.getValue(), fp));
        return offset + consumed;
    }
}
