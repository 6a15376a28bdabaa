package io.acqsim.codec.framing;

import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * How a dialect wraps each message on the wire, as data: the length prefix, whether it counts its
 * own bytes, an optional 5-byte TPDU and an optional fixed header (echoed in responses). Byte by
 * byte a frame is {@code [length][TPDU][header][MTI ...]}; the length counts TPDU and header. A
 * response's envelope comes from its request's: the TPDU with destination and source exchanged
 * (or echoed), the header echoed.
 *
 * @param length             the kind of length prefix
 * @param lengthCountsItself true: the prefix's value includes the prefix's own bytes
 * @param tpdu               a 5-byte TPDU follows the prefix
 * @param header             the fixed header bytes after the TPDU (its length is what matters on
 *                           input; the request's own header is echoed), empty for none
 */
public record Framing(LengthHeader length, boolean lengthCountsItself, boolean tpdu, byte[] header) {
    public Framing {
        if (length == null) {
            throw new IllegalArgumentException("framing needs a length kind");
        }
        if (lengthCountsItself && length == LengthHeader.NONE) {
            throw new IllegalArgumentException("a frame without a length prefix cannot count the prefix");
        }
        header = header == null ? new byte[0] : header.clone();
    }

    public static Framing of(LengthHeader length, boolean tpdu, String headerHex) {
        return new Framing(length, false, tpdu, HexFormat.of().parseHex(headerHex.replace(" ", "")));
    }

    /** Bytes of TPDU and header in front of the MTI. */
    public int envelopeLength() {
        return (tpdu ? Tpdu.LENGTH : 0) + header.length;
    }

    public int headerLength() {
        return header.length;
    }

    @Override
    public byte[] header() {
        return header.clone();
    }

    /**
     * Writes the envelope of {@code m}: its own when it has one ({@link MessageBuilder#envelope()}),
     * else its source request's, TPDU swapped unless {@link MessageBuilder#echoTpdu()}; without
     * either, a zero TPDU and the definition's header.
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
            out.writeZero(tpdu ? Tpdu.LENGTH : 0);
            out.writeBytes(header);
            return;
        }
        byte[] f = request.frame();
        if (tpdu && !m.echoTpdu()) {
            out.writeByte(f[0]);
            out.writeBytes(f, 3, 2);
            out.writeBytes(f, 1, 2);
            out.writeBytes(f, Tpdu.LENGTH, header.length);
        } else {
            out.writeBytes(f, 0, n);
        }
    }

    /** The value the prefix carries for a body of {@code bodyLength} bytes. */
    public int prefixValue(int bodyLength) {
        return lengthCountsItself ? bodyLength + length.size() : bodyLength;
    }

    /** The body length a prefix value announces, or {@link LengthHeader#INVALID}. */
    public int bodyLength(int prefixValue) {
        if (prefixValue == LengthHeader.INVALID) {
            return LengthHeader.INVALID;
        }
        int body = lengthCountsItself ? prefixValue - length.size() : prefixValue;
        return body < 0 ? LengthHeader.INVALID : body;
    }

    /** The largest body the prefix can announce. */
    public int maxBodyLength() {
        return lengthCountsItself ? length.maxValue() - length.size() : length.maxValue();
    }

    /** One line for listings: {@code binary2 (counts itself) + TPDU + header 603100000000}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(length.configName());
        if (lengthCountsItself) {
            sb.append(" (counts itself)");
        }
        if (tpdu) {
            sb.append(" + TPDU");
        }
        if (header.length > 0) {
            sb.append(" + header ").append(HexFormat.of().withUpperCase().formatHex(header));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Framing f && f.length == length && f.lengthCountsItself == lengthCountsItself
                && f.tpdu == tpdu && Arrays.equals(f.header, header);
    }

    @Override
    public int hashCode() {
        return (length.hashCode() * 31 + Boolean.hashCode(lengthCountsItself)) * 31 + Boolean.hashCode(tpdu) * 7
                + Arrays.hashCode(header);
    }

    @Override
    public String toString() {
        return describe();
    }
}
