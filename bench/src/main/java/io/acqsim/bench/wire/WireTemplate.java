package io.acqsim.bench.wire;

import io.acqsim.codec.CodecException;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jpos.iso.ISOMsg;

/**
 * A request frame packed once by the dialect (jPOS), with the bytes of the fields that change from
 * one request to the next (amount, STAN, DE7, RRN, ...) located, so that sending a request is a
 * copy plus a few digits overwritten. The load generator spends its CPU on the wire, not on
 * packing; the server still receives exactly what the dialect packs.
 *
 * <p>A field is located by packing the message twice with two different values of the same length
 * and comparing the bytes: what differs is the field's value, whatever prefixes or envelope come
 * before it. Its encoding (ASCII or packed BCD) follows from how many bytes differ. Instances are
 * not thread-safe: one per connection.
 */
public final class WireTemplate {
    private final Dialect dialect;
    private final byte[] frame;
    private final Slot[] slots = new Slot[129];

    /** @param zero the byte of the digit 0 in a character field: 0x30 in ASCII, 0xF0 in EBCDIC */
    private record Slot(int offset, int digits, boolean bcd, int zero) {
    }

    private WireTemplate(Dialect dialect, byte[] frame) {
        this.dialect = dialect;
        this.frame = frame;
    }

    /**
     * Packs {@code request} and locates {@code fields}, each of which must already be set to a value
     * of the length every later value will have (an even number of digits for numerics).
     */
    public static WireTemplate of(Dialect dialect, IsoFrame request, int... fields) {
        byte[] body = encode(dialect, request);
        int prefix = dialect.lengthHeader().size();
        byte[] frame = new byte[prefix + body.length];
        writeLength(dialect, frame, body.length);
        System.arraycopy(body, 0, frame, prefix, body.length);
        WireTemplate t = new WireTemplate(dialect, frame);
        for (int f : fields) {
            t.slots[f] = locate(dialect, request, f, body, prefix);
        }
        return t;
    }

    private static Slot locate(Dialect dialect, IsoFrame request, int field, byte[] body, int prefix) {
        ISOMsg copy = (ISOMsg) request.msg().clone();
        String value = copy.getString(field);
        if (value == null) {
            throw new IllegalArgumentException("field " + field + " is not set in the template");
        }
        copy.set(field, value.replaceAll(".", "1"));
        byte[] ones = encode(dialect, request.with(copy));
        copy.set(field, value.replaceAll(".", "2"));
        byte[] twos = encode(dialect, request.with(copy));
        int from = Arrays.mismatch(ones, twos);
        int to = from;
        while (to < ones.length && ones[to] != twos[to]) {
            to++;
        }
        int n = value.length();
        int length = to - from;
        if (length == n) {
            return new Slot(prefix + from, n, false, (ones[from] & 0xFF) - 1);
        }
        if (n % 2 == 0 && length == n / 2) {
            return new Slot(prefix + from, n, true, 0);
        }
        throw new IllegalArgumentException("field " + field + " of " + dialect + " is neither ASCII nor "
                + "even-length BCD (" + n + " digits in " + length + " bytes)");
    }

    private static byte[] encode(Dialect dialect, IsoFrame frame) {
        try {
            return dialect.encode(frame);
        } catch (CodecException e) {
            throw new IllegalArgumentException("cannot pack template: " + e.getMessage(), e);
        }
    }

    private static void writeLength(Dialect dialect, byte[] frame, int bodyLength) {
        int length = dialect.framing().prefixValue(bodyLength);
        switch (dialect.lengthHeader()) {
            case NONE -> {
            }
            case BINARY4 -> {
                frame[0] = (byte) (length >>> 24);
                frame[1] = (byte) (length >>> 16);
                frame[2] = (byte) (length >>> 8);
                frame[3] = (byte) length;
            }
            case BINARY2 -> {
                frame[0] = (byte) (length >>> 8);
                frame[1] = (byte) length;
            }
            case BCD2 -> {
                int h = length / 100;
                int u = length % 100;
                frame[0] = (byte) (((h / 10) << 4) | (h % 10));
                frame[1] = (byte) (((u / 10) << 4) | (u % 10));
            }
            case ASCII4 -> {
                byte[] d = String.format("%04d", length).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(d, 0, frame, 0, 4);
            }
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Overwrites a located numeric field with {@code value}, zero-padded on the left. */
    public WireTemplate set(int field, long value) {
        Slot s = slot(field);
        long v = value;
        if (s.bcd) {
            for (int i = s.offset + s.digits / 2 - 1; i >= s.offset; i--) {
                int lo = (int) (v % 10);
                v /= 10;
                int hi = (int) (v % 10);
                v /= 10;
                frame[i] = (byte) ((hi << 4) | lo);
            }
        } else {
            for (int i = s.offset + s.digits - 1; i >= s.offset; i--) {
                frame[i] = (byte) (s.zero + v % 10);
                v /= 10;
            }
        }
        return this;
    }

    /** Overwrites a located ASCII field; {@code value} must have the template value's length. */
    public WireTemplate set(int field, String value) {
        Slot s = slot(field);
        if (s.bcd || value.length() != s.digits) {
            throw new IllegalArgumentException("field " + field + " takes " + s.digits
                    + (s.bcd ? " BCD digits" : " characters") + ", not '" + value + "'");
        }
        byte[] text = value.getBytes(s.zero == 0xF0 ? java.nio.charset.Charset.forName("IBM1047")
                : StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, frame, s.offset, s.digits);
        return this;
    }

    private Slot slot(int field) {
        Slot s = slots[field];
        if (s == null) {
            throw new IllegalArgumentException("field " + field + " was not located in this template");
        }
        return s;
    }

    /** The whole frame, length prefix included, as it stands now. */
    public byte[] frame() {
        return frame;
    }

    public int length() {
        return frame.length;
    }

    public void writeTo(ByteBuf out) {
        out.writeBytes(frame);
    }
}
