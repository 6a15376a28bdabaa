package io.acqsim.codec.layout;

/** How a field's content, or its length prefix, is written on the wire. */
public enum Encoding {
    /** No bytes at all (the length prefix of a fixed-length field). */
    NONE,
    /** Packed BCD, two digits a byte (an odd digit count leaves a pad nibble, see {@link FieldSpec#rightAligned}). */
    BCD,
    /** One ASCII byte a character. */
    ASCII,
    /** One EBCDIC (IBM-1047) byte a character. */
    EBCDIC,
    /** The bytes as they are (binary fields; a binary length prefix is a big-endian count). */
    BINARY,
    /** Each byte as two ASCII hex digits (jPOS {@code IFA_BINARY}, {@code IFA_BITMAP}). */
    ASCII_HEX,
    /** Each byte as two EBCDIC hex digits (jPOS {@code IFE_BINARY}, {@code IFE_BITMAP}). */
    EBCDIC_HEX;

    /** Wire bytes for {@code units} digits, characters or value bytes of content in this encoding. */
    int contentBytes(int units) {
        return switch (this) {
            case NONE -> 0;
            case BCD -> (units + 1) / 2;
            case ASCII, EBCDIC, BINARY -> units;
            case ASCII_HEX, EBCDIC_HEX -> units * 2;
        };
    }
}
