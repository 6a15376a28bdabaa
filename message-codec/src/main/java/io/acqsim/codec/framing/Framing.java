package io.acqsim.codec.framing;

import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.netty.buffer.ByteBuf;

/**
 * What a dialect puts around a message, as data: the length prefix, an optional 5-byte TPDU and a
 * fixed-size header (6 bytes for the CUP header) after it. The length counts everything after
 * the prefix. A response's envelope comes from its request's: the TPDU with destination and
 * source exchanged (or echoed), the header echoed.
 *
 * @param headerLength bytes of header after the TPDU, echoed in responses (0 for none)
 */
public record Framing(LengthHeader length, boolean tpdu, int headerLength) {
    public Framing {
        if (headerLength < 0) {
            throw new IllegalArgumentException("header length must not be negative: " + headerLength);
        }
    }

    /** Bytes between the length prefix and the MTI. */
    public int envelopeLength() {
        return (tpdu ? Tpdu.LENGTH : 0) + headerLength;
    }

    /**
     * Writes the envelope of {@code m}: its own when it has one ({@link MessageBuilder#envelope()}),
     * else its source request's, TPDU swapped unless {@link MessageBuilder#echoTpdu()}; zeros when it
     * has neither.
     */
    public void writeEnvelope(MessageBuilder m, ByteBuf out) {
        int n = envelopeLength();
        if (n == 0) {
            return;
        }
        byte[] own = m.envelope();
        if (own != null) {
            out.writeBytes(own, 0, Math.min(n, own.length));
            out.writeZero(n - Math.min(n, own.length));
            return;
        }
        MessageView request = m.source();
        if (request == null || request.messageStart() < n) {
            out.writeZero(n);
            return;
        }
        byte[] f = request.frame();
        if (tpdu && !m.echoTpdu()) {
            out.writeByte(f[0]);
            out.writeBytes(f, 3, 2);
            out.writeBytes(f, 1, 2);
            out.writeBytes(f, Tpdu.LENGTH, headerLength);
        } else {
            out.writeBytes(f, 0, n);
        }
    }
}
