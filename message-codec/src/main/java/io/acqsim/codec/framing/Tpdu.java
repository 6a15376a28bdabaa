package io.acqsim.codec.framing;

/**
 * The 5-byte transport protocol data unit in front of NAC-style messages: an id byte (usually
 * {@code 0x60}), a 2-byte destination address and a 2-byte source address.
 */
public record Tpdu(int id, int destination, int source) {
    public static final int LENGTH = 5;

    public Tpdu {
        if (id < 0 || id > 0xFF || destination < 0 || destination > 0xFFFF || source < 0 || source > 0xFFFF) {
            throw new IllegalArgumentException("TPDU out of range");
        }
    }

    public static Tpdu read(byte[] b, int offset) {
        return new Tpdu(b[offset] & 0xFF,
                ((b[offset + 1] & 0xFF) << 8) | (b[offset + 2] & 0xFF),
                ((b[offset + 3] & 0xFF) << 8) | (b[offset + 4] & 0xFF));
    }

    public void write(byte[] b, int offset) {
        b[offset] = (byte) id;
        b[offset + 1] = (byte) (destination >>> 8);
        b[offset + 2] = (byte) destination;
        b[offset + 3] = (byte) (source >>> 8);
        b[offset + 4] = (byte) source;
    }

    /** The TPDU a response carries: destination and source exchanged. */
    public Tpdu swapped() {
        return new Tpdu(id, source, destination);
    }

    @Override
    public String toString() {
        return String.format("%02X %04X %04X", id, destination, source);
    }
}
