package io.acqsim.codec.layout;

/** Fixed length, or a length prefix of two, three or four decimal digits (LL, LLL, LLLL). */
public enum LengthType {
    FIXED(0), LL(2), LLL(3), LLLL(4);

    private final int digits;

    LengthType(int digits) {
        this.digits = digits;
    }

    /** Decimal digits of the length prefix; 0 for a fixed-length field. */
    public int digits() {
        return digits;
    }

    /** Wire bytes of the prefix in {@code encoding}. */
    int prefixBytes(Encoding encoding) {
        if (this == FIXED) {
            return 0;
        }
        return switch (encoding) {
            case NONE -> 0;
            case BCD -> (digits + 1) / 2;
            case BINARY -> digits <= 2 ? 1 : 2;
            case ASCII, EBCDIC -> digits;
            case ASCII_HEX, EBCDIC_HEX -> throw new IllegalStateException("no hex length prefixes");
        };
    }
}
