package io.acqsim.codec.framing;

import io.netty.buffer.ByteBuf;

/**
 * The kind of length prefix in front of every frame. The value counts every byte after the
 * prefix (TPDU, header and message); {@link Framing#lengthCountsItself()} adds the prefix's own
 * bytes for hosts that count them. {@link #NONE} has no prefix: the frame ends where the layout
 * says the message ends.
 */
public enum LengthHeader {
    /** Two bytes, unsigned big-endian binary: {@code 01 2C} = 300. */
    BINARY2(2, 0xFFFF) {
        @Override
        public int read(ByteBuf in, int index) {
            return in.getUnsignedShort(index);
        }

        @Override
        public void write(ByteBuf out, int length) {
            out.writeShort(length);
        }
    },
    /** Four bytes, big-endian binary: {@code 00 00 01 2C} = 300. Lengths above 2^31-1 read as invalid. */
    BINARY4(4, Integer.MAX_VALUE) {
        @Override
        public int read(ByteBuf in, int index) {
            long v = in.getUnsignedInt(index);
            return v > Integer.MAX_VALUE ? INVALID : (int) v;
        }

        @Override
        public void write(ByteBuf out, int length) {
            out.writeInt(length);
        }
    },
    /** Two bytes of packed BCD: {@code 03 00} = 300. Some older POS hosts use it. */
    BCD2(2, 9999) {
        @Override
        public int read(ByteBuf in, int index) {
            int value = 0;
            for (int i = 0; i < 2; i++) {
                int b = in.getUnsignedByte(index + i);
                int hi = b >>> 4;
                int lo = b & 0x0F;
                if (hi > 9 || lo > 9) {
                    return INVALID;
                }
                value = value * 100 + hi * 10 + lo;
            }
            return value;
        }

        @Override
        public void write(ByteBuf out, int length) {
            int hundreds = length / 100;
            int units = length % 100;
            out.writeByte(((hundreds / 10) << 4) | (hundreds % 10));
            out.writeByte(((units / 10) << 4) | (units % 10));
        }
    },
    /** Four ASCII decimal digits: {@code "0300"} = 300. */
    ASCII4(4, 9999) {
        @Override
        public int read(ByteBuf in, int index) {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                int c = in.getUnsignedByte(index + i);
                if (c < '0' || c > '9') {
                    return INVALID;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        @Override
        public void write(ByteBuf out, int length) {
            out.writeByte('0' + length / 1000 % 10);
            out.writeByte('0' + length / 100 % 10);
            out.writeByte('0' + length / 10 % 10);
            out.writeByte('0' + length % 10);
        }
    },
    /** No prefix at all: the message's own layout tells where it ends ({@link FrameDecoder}). */
    NONE(0, Integer.MAX_VALUE) {
        @Override
        public int read(ByteBuf in, int index) {
            throw new UnsupportedOperationException("a frame without a length prefix is measured by its layout");
        }

        @Override
        public void write(ByteBuf out, int length) {
        }
    };

    /** What {@link #read} returns when the prefix bytes are not a length at all. */
    public static final int INVALID = -1;

    private final int size;
    private final int maxValue;

    LengthHeader(int size, int maxValue) {
        this.size = size;
        this.maxValue = maxValue;
    }

    /** Number of bytes the prefix occupies. */
    public int size() {
        return size;
    }

    /** Largest length the prefix can express. */
    public int maxValue() {
        return maxValue;
    }

    /** The configuration name: {@code binary2}, {@code binary4}, {@code bcd2}, {@code ascii4}, {@code none}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind a configuration names, or null for a name that is none of them. */
    public static LengthHeader ofConfigName(String name) {
        for (LengthHeader h : values()) {
            if (h.configName().equals(name)) {
                return h;
            }
        }
        return null;
    }

    /** Reads the prefix at {@code index} without moving the reader index; {@link #INVALID} if malformed. */
    public abstract int read(ByteBuf in, int index);

    /** Writes the prefix for a body of {@code length} bytes. */
    public abstract void write(ByteBuf out, int length);
}
