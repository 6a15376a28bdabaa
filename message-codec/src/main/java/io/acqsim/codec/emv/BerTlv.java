package io.acqsim.codec.emv;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * BER-TLV as EMV uses it (EMV Book 3, Annex B): tags of one to four bytes (a first byte ending in
 * five one-bits is followed by bytes with bit 8 set until the last), definite lengths in one byte
 * (up to 127) or {@code 81}/{@code 82}/{@code 83} followed by one to three length bytes, constructed
 * objects (bit 6 of the first tag byte) holding TLV themselves. {@code 00} bytes between objects are
 * padding and skipped, as Book 3 allows.
 */
public final class BerTlv {
    private static final int MAX_DEPTH = 8;

    private BerTlv() {
    }

    /** All objects in {@code data}, constructed ones with their children decoded. */
    public static List<Tlv> decode(byte[] data) throws TlvFormatException {
        return decode(data, 0, data.length, 0);
    }

    private static List<Tlv> decode(byte[] data, int from, int to, int depth) throws TlvFormatException {
        if (depth > MAX_DEPTH) {
            throw new TlvFormatException("templates nested deeper than " + MAX_DEPTH, from);
        }
        List<Tlv> out = new ArrayList<>();
        int at = from;
        while (at < to) {
            if (data[at] == 0x00) {
                at++;
                continue;
            }
            int start = at;
            int first = data[at++] & 0xFF;
            int tag = first;
            if ((first & 0x1F) == 0x1F) {
                int b;
                do {
                    if (at >= to) {
                        throw new TlvFormatException("tag " + Tags.hex(tag) + "… runs past the end", start);
                    }
                    if (Tags.byteCount(tag) == 4) {
                        throw new TlvFormatException("tag longer than four bytes", start);
                    }
                    b = data[at++] & 0xFF;
                    tag = (tag << 8) | b;
                } while ((b & 0x80) != 0);
            }
            if (at >= to) {
                throw new TlvFormatException("tag " + Tags.hex(tag) + " has no length", start);
            }
            int lengthByte = data[at++] & 0xFF;
            int length;
            if (lengthByte < 0x80) {
                length = lengthByte;
            } else if (lengthByte == 0x80) {
                throw new TlvFormatException("tag " + Tags.hex(tag) + " has an indefinite length (80), which EMV does not allow", start);
            } else {
                int count = lengthByte & 0x7F;
                if (count > 3) {
                    throw new TlvFormatException("tag " + Tags.hex(tag) + " has a " + count + "-byte length", start);
                }
                if (at + count > to) {
                    throw new TlvFormatException("tag " + Tags.hex(tag) + ": length runs past the end", start);
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (data[at++] & 0xFF);
                }
            }
            if (length > to - at) {
                throw new TlvFormatException("tag " + Tags.hex(tag) + " says " + length + " bytes but only "
                        + (to - at) + " are left", start);
            }
            byte[] value = new byte[length];
            System.arraycopy(data, at, value, 0, length);
            List<Tlv> children = Tags.isConstructed(tag) ? decode(data, at, at + length, depth + 1) : List.of();
            out.add(Tlv.decoded(tag, value, children));
            at += length;
        }
        return out;
    }

    /** The objects written one after the other, lengths in the shortest definite form. */
    public static byte[] encode(List<Tlv> objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        for (Tlv t : objects) {
            int tag = t.tag();
            for (int i = Tags.byteCount(tag) - 1; i >= 0; i--) {
                out.write(tag >>> (i * 8));
            }
            int length = t.length();
            if (length < 0x80) {
                out.write(length);
            } else if (length <= 0xFF) {
                out.write(0x81);
                out.write(length);
            } else if (length <= 0xFFFF) {
                out.write(0x82);
                out.write(length >>> 8);
                out.write(length);
            } else {
                out.write(0x83);
                out.write(length >>> 16);
                out.write(length >>> 8);
                out.write(length);
            }
            out.writeBytes(t.rawValue());
        }
        return out.toByteArray();
    }

    /** {@link #encode(List)} of the arguments. */
    public static byte[] encode(Tlv... objects) {
        return encode(List.of(objects));
    }
}
