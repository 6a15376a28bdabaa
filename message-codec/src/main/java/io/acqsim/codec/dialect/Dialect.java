package io.acqsim.codec.dialect;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.framing.CupHeader;
import io.acqsim.codec.framing.LengthHeader;
import io.acqsim.codec.framing.Tpdu;
import java.util.BitSet;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOBitMap;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOMsg;

/**
 * A wire dialect: the length prefix, the envelope (TPDU, CUP header) and the field layout (a jPOS
 * packager). Instances are immutable and thread-safe; one per dialect is enough for a process.
 *
 * <p>Unpacking walks the packager's field table itself rather than calling
 * {@link ISOBasePackager#unpack}, so that a failure names the exact field and byte offset and
 * the fields read before it are kept for a format-error answer.
 */
public abstract class Dialect {
    private final String name;
    private final LengthHeader lengthHeader;
    private final boolean tpdu;
    private final boolean cupHeader;
    private final ISOBasePackager packager;

    protected Dialect(String name, LengthHeader lengthHeader, boolean tpdu, boolean cupHeader,
                      ISOBasePackager packager) {
        this.name = name;
        this.lengthHeader = lengthHeader;
        this.tpdu = tpdu;
        this.cupHeader = cupHeader;
        this.packager = packager;
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

    public final boolean hasCupHeader() {
        return cupHeader;
    }

    public final ISOBasePackager packager() {
        return packager;
    }

    /** Bytes of envelope in front of the MTI. */
    public final int envelopeLength() {
        return (tpdu ? Tpdu.LENGTH : 0) + (cupHeader ? CupHeader.LENGTH : 0);
    }

    /** Decodes one frame body (everything after the length prefix). */
    public final IsoFrame decode(byte[] body) throws CodecException {
        int envelope = envelopeLength();
        if (body.length < envelope) {
            throw new CodecException("frame of " + body.length + " bytes is shorter than the " + envelope
                    + "-byte envelope", -1, 0, body, null, null, null);
        }
        Tpdu t = tpdu ? Tpdu.read(body, 0) : null;
        CupHeader h = cupHeader ? CupHeader.read(body, tpdu ? Tpdu.LENGTH : 0) : null;
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
            offset += packager.getFieldPackager(1).unpack(bitmap, body, offset);
            msg.set(bitmap);
            BitSet bits = (BitSet) bitmap.getValue();
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
        int consumed = fp.unpack(c, body, offset);
        if (consumed <= 0 || offset + consumed > body.length) {
            throw new ISOException("field runs past the end of the frame");
        }
        msg.set(c);
        return consumed;
    }

    /** Encodes the message and its envelope into a frame body (without the length prefix). */
    public final byte[] encode(IsoFrame frame) throws CodecException {
        byte[] iso;
        try {
            frame.msg().recalcBitMap();
            iso = packager.pack(frame.msg());
        } catch (ISOException | RuntimeException e) {
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
        if (cupHeader) {
            requireEnvelope(frame.header(), "CUP header", frame);
            frame.header().write(body, at);
        }
        System.arraycopy(iso, 0, body, envelope, iso.length);
        return body;
    }

    private void requireEnvelope(Object part, String what, IsoFrame frame) throws CodecException {
        if (part == null) {
            throw new CodecException(name + " needs a " + what, -1, -1, null, frame, frame.msg(), null);
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
