package io.acqsim.codec;

import io.acqsim.codec.field.Masking;
import io.acqsim.codec.layout.MessageView;
import java.util.HexFormat;
import org.jpos.iso.ISOMsg;

/**
 * The only error the codec raises for bad bytes. It names the field that failed (0 = MTI,
 * 1 = bitmap, -1 = envelope or the message as a whole), the byte offset within the frame body
 * where that field starts (-1 when encoding), and shows the bytes around it, masked like
 * {@link Masking#hex} so that no PAN reaches a log through this message. {@link #partial()}
 * holds whatever fields were read before the failure, so a host can still answer a format error
 * when MTI, DE11 and DE41 made it through.
 */
public final class CodecException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int CONTEXT = 8;

    private final int field;
    private final int offset;
    private final transient ISOMsg partial;
    private final transient IsoFrame envelope;
    private final transient MessageView partialView;

    public CodecException(String reason, int field, int offset, byte[] frame, IsoFrame envelope, ISOMsg partial,
                          Throwable cause) {
        super(describe(reason, field, offset, frame), cause);
        this.field = field;
        this.offset = offset;
        this.envelope = envelope;
        this.partial = partial;
        this.partialView = null;
    }

    /** A failure of {@link io.acqsim.codec.layout.Layout#decode}: {@code partial} holds the fields read before it. */
    public CodecException(String reason, int field, int offset, byte[] frame, MessageView partial, Throwable cause) {
        super(describe(reason, field, offset, frame), cause);
        this.field = field;
        this.offset = offset;
        this.envelope = null;
        this.partial = null;
        this.partialView = partial;
    }

    private static String describe(String reason, int field, int offset, byte[] frame) {
        String where = field == -1 ? "envelope" : field == 0 ? "MTI" : field == 1 ? "bitmap" : "field " + field;
        if (field == -1 && offset < 0) {
            where = "message";
        }
        StringBuilder sb = new StringBuilder(where);
        if (offset >= 0) {
            sb.append(" at offset ").append(offset);
        }
        sb.append(": ").append(reason);
        if (frame != null && offset >= 0) {
            // The bytes around the failure may be card data: show them as a masked dump would.
            frame = Masking.masked(frame);
            int from = Math.max(0, Math.min(offset, frame.length) - CONTEXT);
            int to = Math.min(frame.length, offset + CONTEXT);
            HexFormat hex = HexFormat.of().withUpperCase();
            sb.append(" [").append(hex.formatHex(frame, from, Math.min(offset, frame.length)))
                    .append('|').append(offset < frame.length ? hex.formatHex(frame, offset, to) : "<end>")
                    .append(']');
        }
        return sb.toString();
    }

    public int field() {
        return field;
    }

    public int offset() {
        return offset;
    }

    /** Fields read before the failure, or null if not even the MTI was readable. */
    public ISOMsg partial() {
        return partial;
    }

    /** The fields read before the failure (MTI readable), or null. */
    public MessageView partialView() {
        return partialView;
    }

    /** The envelope (TPDU, header) read before the failure, or null if the envelope itself failed. */
    public IsoFrame envelope() {
        return envelope;
    }
}
