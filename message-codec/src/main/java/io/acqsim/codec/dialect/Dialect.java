package io.acqsim.codec.dialect;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.framing.CupHeader;
import io.acqsim.codec.framing.FrameMeasure;
import io.acqsim.codec.framing.Framing;
import io.acqsim.codec.framing.LengthHeader;
import io.acqsim.codec.layout.Layout;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.codec.layout.PackagerLayout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.acqsim.codec.framing.Tpdu;
import java.util.BitSet;
import java.util.Map;
import org.jpos.iso.IFA_LLLNUM;
import org.jpos.iso.IFA_LLNUM;
import org.jpos.iso.IFA_NUMERIC;
import org.jpos.iso.IFB_LLLNUM;
import org.jpos.iso.IFB_LLNUM;
import org.jpos.iso.IFB_NUMERIC;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOBitMap;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOMsg;

/**
 * A wire dialect: the framing (length prefix, TPDU, fixed header: {@link Framing}), the field
 * layout (a jPOS packager, built in or read from a GenericPackager XML file), the character set
 * of its text, and which catalogue it speaks (ISO 8583:1987, 1993, or China UnionPay). Every
 * dialect, the built-in ones too, is such a definition ({@link Dialects}). Instances are
 * immutable and thread-safe; one per dialect is enough for a process.
 *
 * <p>Unpacking walks the packager's field table itself rather than calling
 * {@link ISOBasePackager#unpack}, so that a failure names the exact field and byte offset and
 * the fields read before it are kept for a format-error answer. Numeric fields must decode to
 * digits (track data may also carry the {@code =} separator): a BCD nibble A-F or a letter in an
 * ASCII numeric is a format error, not a value to echo back.
 */
public class Dialect implements FrameMeasure {
    /** ISO 8583:1987 (MTIs 0xxx, 2-character response codes). */
    public static final int V1987 = 1987;
    /** ISO 8583:1993 (MTIs 1xxx, 3-digit action codes, DE56 original data). */
    public static final int V1993 = 1993;

    private final String name;
    private final Framing framing;
    private final LengthHeader lengthHeader;
    private final boolean tpdu;
    private final boolean cup;
    private final int version;
    private final TextCharset charset;
    private final String layoutSource;
    private final ISOBasePackager packager;
    private final Layout layout;

    /**
     * @param cup          speaks the China UnionPay catalogue (DE60/61 keys, CUP header semantics)
     * @param version      {@link #V1987} or {@link #V1993}
     * @param layoutSource where the layout came from, for listings: a built-in name or a file
     */
    public Dialect(String name, Framing framing, ISOBasePackager packager, boolean cup, int version,
                   TextCharset charset, String layoutSource) {
        if (version != V1987 && version != V1993) {
            throw new IllegalArgumentException("version must be 1987 or 1993, not " + version);
        }
        this.name = name;
        this.framing = framing;
        this.lengthHeader = framing.length();
        this.tpdu = framing.tpdu();
        this.cup = cup;
        this.version = version;
        this.charset = charset;
        this.layoutSource = layoutSource;
        this.packager = packager;
        this.layout = PackagerLayout.of(name, packager);
    }

    protected Dialect(String name, Framing framing, ISOBasePackager packager, boolean cup, String layoutSource) {
        this(name, framing, packager, cup, V1987, TextCharset.ASCII, layoutSource);
    }

    /** The field layout the hot path runs, built from {@link #packager()} at start. */
    public final Layout layout() {
        return layout;
    }

    /**
     * Decodes one frame body (everything after the length prefix) into a view over it.
     *
     * @throws CodecException naming field and offset; {@link CodecException#partialView()} holds what was read
     */
    public final MessageView read(byte[] body) throws CodecException {
        return read(body, null);
    }

    /**
     * {@link #read(byte[])} into {@code reuse}, a view its owner is done with ({@link Layout#decode(byte[], int, MessageView)}).
     *
     * @throws CodecException naming field and offset; {@link CodecException#partialView()} holds what was read
     */
    public final MessageView read(byte[] body, MessageView reuse) throws CodecException {
        int envelope = envelopeLength();
        if (body.length < envelope) {
            throw new CodecException("frame of " + body.length + " bytes is shorter than the " + envelope
                    + "-byte envelope", -1, 0, body, (MessageView) null, null);
        }
        return layout.decode(body, envelope, reuse);
    }

    /** Bytes of a frame for {@code m}: length prefix, envelope, MTI, bitmap and fields. */
    public final int frameLength(MessageBuilder m) {
        return lengthHeader.size() + envelopeLength() + layout.encodedLength(m);
    }

    /**
     * Encodes {@code m} as a complete frame (length prefix included) into one buffer of exactly
     * {@link #frameLength} bytes from {@code alloc}.
     *
     * @throws IllegalArgumentException when the body is longer than the length prefix can express
     */
    public final ByteBuf write(MessageBuilder m, ByteBufAllocator alloc) {
        ByteBuf out = alloc.ioBuffer(frameLength(m));
        try {
            writeTo(m, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /**
     * Writes {@code m} as a complete frame (length prefix included) into {@code out}.
     *
     * @throws IllegalArgumentException when the body is longer than the length prefix can express
     */
    public final void writeTo(MessageBuilder m, ByteBuf out) {
        int body = envelopeLength() + layout.encodedLength(m);
        if (body > framing.maxBodyLength()) {
            throw new IllegalArgumentException(name + ": frame of " + body + " bytes does not fit a "
                    + lengthHeader + " length prefix");
        }
        lengthHeader.write(out, framing.prefixValue(body));
        framing.writeEnvelope(m, out);
        layout.write(m, out);
    }

    /** A new message of this dialect answering {@code request} (or unsolicited when null). */
    public final MessageBuilder message(String mti, MessageView request) {
        return new MessageBuilder(layout, mti, request);
    }

    /** The dialect's configuration name, e.g. {@code iso87-ascii}. */
    public final String name() {
        return name;
    }

    public final LengthHeader lengthHeader() {
        return lengthHeader;
    }

    public final boolean hasTpdu() {
        return tpdu;
    }

    /** Whether this dialect speaks the China UnionPay catalogue (its header is a CUP header). */
    public final boolean hasCupHeader() {
        return cup;
    }

    /** Same as {@link #hasCupHeader()}: the China UnionPay catalogue. */
    public final boolean isCup() {
        return cup;
    }

    public final Framing framing() {
        return framing;
    }

    /** {@link #V1987} or {@link #V1993}. */
    public final int version() {
        return version;
    }

    public final boolean is1993() {
        return version == V1993;
    }

    public final TextCharset charset() {
        return charset;
    }

    /** Where the field layout comes from: a built-in layout name or a GenericPackager file. */
    public final String layoutSource() {
        return layoutSource;
    }

    public final ISOBasePackager packager() {
        return packager;
    }

    /** Bytes of envelope in front of the MTI. */
    public final int envelopeLength() {
        return framing.envelopeLength();
    }

    /** Decodes one frame body (everything after the length prefix). */
    public final IsoFrame decode(byte[] body) throws CodecException {
        int envelope = envelopeLength();
        if (body.length < envelope) {
            throw new CodecException("frame of " + body.length + " bytes is shorter than the " + envelope
                    + "-byte envelope", -1, 0, body, null, null, null);
        }
        Tpdu t = tpdu ? Tpdu.read(body, 0) : null;
        CupHeader h = framing.headerLength() > 0
                ? CupHeader.read(body, tpdu ? Tpdu.LENGTH : 0, framing.headerLength()) : null;
        IsoFrame frame = new IsoFrame(t, h, null);
        ISOMsg msg = new ISOMsg();
        int offset = envelope;
        int field = 0;
        try {
            offset += unpackField(0, msg, body, offset);
            String mti = msg.getString(0);
            if (mti == null || mti.length() != 4 || !isDigits(mti)) {
                throw new CodecException("MTI is not four digits: '" + mti + "'", 0, envelope, body, frame,
                        null, null);
            }
            field = 1;
            ISOBitMap bitmap = new ISOBitMap(-1);
            ISOFieldPackager bitmapPackager = packager.getFieldPackager(1);
            int bitmapStart = offset;
            offset += bitmapPackager.unpack(bitmap, body, offset);
            msg.set(bitmap);
            BitSet bits = (BitSet) bitmap.getValue();
            if (bits.get(1) && bitmapPackager.getLength() * 8 <= 64) {
                throw new CodecException("bitmap announces a secondary bitmap, which the " + name
                        + " layout does not have", 1, bitmapStart, body, frame, msg, null);
            }
            for (field = 2; field < bits.length(); field++) {
                if (!bits.get(field)) {
                    continue;
                }
                offset += unpackField(field, msg, body, offset);
            }
            field = -1;
            if (offset != body.length) {
                throw new CodecException((body.length - offset) + " bytes left over after the last field", -1,
                        offset, body, frame, msg, null);
            }
            return frame.with(msg);
        } catch (CodecException e) {
            throw e;
        } catch (ISOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new CodecException(reason, field, offset, body, frame, field != 0 ? msg : null, e);
        }
    }

    private int unpackField(int field, ISOMsg msg, byte[] body, int offset) throws ISOException {
        ISOFieldPackager fp = packager.getFieldPackager(field);
        if (fp == null) {
            throw new ISOException("field is not defined in the " + name + " layout");
        }
        if (offset >= body.length) {
            throw new ISOException("frame ends before the field");
        }
        ISOComponent c = fp.createComponent(field);
        int consumed;
        try {
            consumed = fp.unpack(c, body, offset);
        } catch (ISOException e) {
            if (e.getNested() instanceof IndexOutOfBoundsException) {
                throw new ISOException(runsPastTheEnd(body, offset), e.getNested());
            }
            throw e;
        } catch (IndexOutOfBoundsException e) {
            throw new ISOException(runsPastTheEnd(body, offset), e);
        }
        if (consumed <= 0 || offset + consumed > body.length) {
            throw new ISOException(runsPastTheEnd(body, offset));
        }
        if (field > 0 && isNumeric(fp) && !isNumericValue(field, (String) c.getValue())) {
            throw new ISOException("numeric field holds '" + c.getValue() + "'");
        }
        msg.set(c);
        return consumed;
    }

    private static String runsPastTheEnd(byte[] body, int offset) {
        return "field runs past the end of the frame (" + (body.length - offset) + " bytes left)";
    }

    private static boolean isNumeric(ISOFieldPackager fp) {
        return fp instanceof IFB_NUMERIC || fp instanceof IFB_LLNUM || fp instanceof IFB_LLLNUM
                || fp instanceof IFA_NUMERIC || fp instanceof IFA_LLNUM || fp instanceof IFA_LLLNUM
                || fp instanceof org.jpos.iso.IFE_NUMERIC || fp instanceof org.jpos.iso.IFE_LLNUM
                || fp instanceof org.jpos.iso.IFE_LLLNUM;
    }

    /** Digits only; track 2 and 3 data (DE35, DE36) may also hold the {@code =} field separator. */
    private static boolean isNumericValue(int field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && !(c == '=' && (field == 35 || field == 36))) {
                return false;
            }
        }
        return true;
    }

    /** Encodes the message and its envelope into a frame body (without the length prefix). */
    public final byte[] encode(IsoFrame frame) throws CodecException {
        byte[] iso;
        try {
            frame.msg().recalcBitMap();
            iso = packager.pack(frame.msg());
        } catch (ISOException | RuntimeException e) {
            for (Map.Entry<Integer, String> bad : unpackableField(frame.msg()).entrySet()) {
                throw new CodecException("cannot pack: " + bad.getValue(), bad.getKey(), -1, null, frame,
                        frame.msg(), e);
            }
            throw new CodecException("cannot pack: " + e.getMessage(), -1, -1, null, frame, frame.msg(), e);
        }
        int envelope = envelopeLength();
        byte[] body = new byte[envelope + iso.length];
        int at = 0;
        if (tpdu) {
            requireEnvelope(frame.tpdu(), "TPDU", frame);
            frame.tpdu().write(body, 0);
            at = Tpdu.LENGTH;
        }
        if (framing.headerLength() > 0) {
            CupHeader header = frame.header();
            if (header == null && !cup) {
                header = CupHeader.of(framing.header());
            }
            requireEnvelope(header, cup ? "CUP header" : "header", frame);
            if (header.length() != framing.headerLength()) {
                throw new CodecException(name + " needs a " + framing.headerLength() + "-byte header, not "
                        + header.length(), -1, -1, null, frame, frame.msg(), null);
            }
            header.write(body, at);
        }
        System.arraycopy(iso, 0, body, envelope, iso.length);
        return body;
    }

    /** The first field this layout cannot pack (undefined, too long, wrong type) and why; empty if none is found. */
    private Map<Integer, String> unpackableField(ISOMsg msg) {
        @SuppressWarnings("unchecked")
        Map<Object, ISOComponent> children = msg.getChildren();
        for (Map.Entry<Object, ISOComponent> e : children.entrySet()) {
            if (!(e.getKey() instanceof Integer number) || number < 0) {
                continue;
            }
            try {
                ISOFieldPackager fp = packager.getFieldPackager(number);
                if (fp == null) {
                    return Map.of(number, "field is not defined in the " + name + " layout");
                }
                fp.pack(e.getValue());
            } catch (ISOException | RuntimeException ex) {
                return Map.of(number, ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
            }
        }
        return Map.of();
    }

    private void requireEnvelope(Object part, String what, IsoFrame frame) throws CodecException {
        if (part == null) {
            throw new CodecException(name + " needs a " + what, -1, -1, null, frame, frame.msg(), null);
        }
    }

    /**
     * Where a message ends in {@code bytes[0..length)}, for framings without a length prefix:
     * walks envelope, MTI, bitmap and fields as {@link #decode} does.
     */
    @Override
    public final int measure(byte[] bytes, int length) {
        byte[] b = length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
        int offset = envelopeLength();
        if (offset >= b.length) {
            return INCOMPLETE;
        }
        ISOMsg msg = new ISOMsg();
        try {
            offset += unpackField(0, msg, b, offset);
        } catch (ISOException | RuntimeException e) {
            return INCOMPLETE;
        }
        if (!isDigits(msg.getString(0))) {
            return MALFORMED;
        }
        // past the MTI, a field that does not decode is taken as one not yet complete: without a
        // length prefix nothing better is known, and maxFrameLength bounds the wait
        try {
            ISOBitMap bitmap = new ISOBitMap(-1);
            if (offset >= b.length) {
                return INCOMPLETE;
            }
            offset += packager.getFieldPackager(1).unpack(bitmap, b, offset);
            BitSet bits = (BitSet) bitmap.getValue();
            for (int field = 2; field < bits.length(); field++) {
                if (bits.get(field)) {
                    if (offset >= b.length) {
                        return INCOMPLETE;
                    }
                    offset += unpackField(field, msg, b, offset);
                }
            }
            return offset;
        } catch (ISOException | RuntimeException e) {
            return INCOMPLETE;
        }
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
