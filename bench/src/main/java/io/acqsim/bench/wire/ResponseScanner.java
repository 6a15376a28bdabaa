package io.acqsim.bench.wire;

import io.acqsim.codec.dialect.Dialect;
import java.util.BitSet;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOBinaryField;
import org.jpos.iso.ISOBitMap;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOField;
import org.jpos.iso.ISOFieldPackager;

/**
 * Reads what a terminal needs from a response body (after the length prefix): MTI, DE11, DE37,
 * DE38 and DE39. Fixed-length fields are skipped by their packed length without being decoded;
 * variable-length ones are unpacked by the dialect's own jPOS field packager to learn their length.
 * Not thread-safe: one per connection.
 */
public final class ResponseScanner {
    private final Dialect dialect;
    private final ISOBasePackager packager;
    /** Packed length of each fixed-length field, or -1 when the field has a length prefix. */
    private final int[] fixed = new int[129];
    private final ISOComponent[] scratch = new ISOComponent[129];

    /** What was read; the strings are null when the response does not carry the field. */
    public static final class Response {
        public String mti;
        public int stan = -1;
        public String rrn;
        public String authCode;
        public String code;

        /** The MTI's class digit (1 authorization, 2 financial, 4 reversal, 8 network). */
        public int mtiClass() {
            return mti.charAt(1) - '0';
        }
    }

    public ResponseScanner(Dialect dialect) {
        this.dialect = dialect;
        this.packager = dialect.packager();
        for (int f = 2; f <= 128; f++) {
            ISOFieldPackager fp = fieldPackager(packager, f);
            if (fp == null) {
                fixed[f] = -2;
                continue;
            }
            scratch[f] = fp.createComponent(f);
            fixed[f] = fixedLength(fp, f);
        }
    }

    private static ISOFieldPackager fieldPackager(ISOBasePackager packager, int f) {
        try {
            return packager.getFieldPackager(f);
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static int fixedLength(ISOFieldPackager fp, int f) {
        try {
            int max = fp.getLength();
            byte[] shortest = fp.pack(value(fp, f, 1));
            byte[] longest = fp.pack(value(fp, f, max));
            return shortest.length == longest.length ? longest.length : -1;
        } catch (ISOException | RuntimeException e) {
            return -1;
        }
    }

    private static ISOComponent value(ISOFieldPackager fp, int f, int n) {
        if (fp.createComponent(f) instanceof ISOBinaryField) {
            return new ISOBinaryField(f, new byte[n]);
        }
        return new ISOField(f, "1".repeat(n));
    }

    /** Scans {@code body} into {@code out}; throws when the bytes do not follow the dialect. */
    public Response scan(byte[] body, Response out) throws ISOException {
        out.mti = null;
        out.stan = -1;
        out.rrn = null;
        out.authCode = null;
        out.code = null;
        int at = dialect.envelopeLength();
        ISOField mti = new ISOField(0);
        at += packager.getFieldPackager(0).unpack(mti, body, at);
        out.mti = (String) mti.getValue();
        ISOBitMap bitmap = new ISOBitMap(-1);
        at += packager.getFieldPackager(1).unpack(bitmap, body, at);
        BitSet bits = (BitSet) bitmap.getValue();
        for (int f = 2; f < bits.length(); f++) {
            if (!bits.get(f)) {
                continue;
            }
            int len = fixed[f];
            if (len == -2) {
                throw new ISOException("field " + f + " is not in the " + dialect + " layout");
            }
            boolean wanted = f == 11 || f == 37 || f == 38 || f == 39;
            if (len > 0 && !wanted) {
                at += len;
                continue;
            }
            ISOComponent c = scratch[f];
            at += packager.getFieldPackager(f).unpack(c, body, at);
            if (wanted) {
                String v = (String) c.getValue();
                switch (f) {
                    case 11 -> out.stan = Integer.parseInt(v);
                    case 37 -> out.rrn = v;
                    case 38 -> out.authCode = v;
                    default -> out.code = v;
                }
            }
        }
        if (at != body.length) {
            throw new ISOException((body.length - at) + " bytes left over after the last field");
        }
        return out;
    }
}
