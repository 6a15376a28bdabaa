package io.acqsim.codec.emv;

/**
 * BER-TLV that cannot be read: names the offset in the data and what was wrong, never the bytes
 * (they may be card data). A host answers such a DE55 with a format error.
 */
public final class TlvFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    public TlvFormatException(String reason, int offset) {
        super("BER-TLV at offset " + offset + ": " + reason);
        this.offset = offset;
    }

    /** Where in the data the bad object starts. */
    public int offset() {
        return offset;
    }
}
