package io.acqsim.codec.layout;

/**
 * One line of a {@link Layout}: how field {@code number} is laid out on the wire.
 *
 * <p>{@code maxLength} counts what the length prefix counts: digits for numerics, characters for
 * text, value bytes for binary fields (a fixed-length field always has exactly that many).
 * {@code rightAligned} and {@code padNibble} matter only for BCD content with an odd digit count:
 * right-aligned puts the pad nibble first ({@code 0123} for {@code 123}), left-aligned puts it last
 * ({@code 1230}). {@code prefixCountsBytes} is set for the rare layouts whose prefix counts the
 * packed bytes of a BCD numeric rather than its digits (jPOS {@code IFEB_LLNUM}).
 *
 * @param source where the line came from (a jPOS field packager class), for error messages
 */
public record FieldSpec(int number, FieldKind kind, LengthType lengthType, Encoding content, Encoding prefix,
                        int maxLength, boolean rightAligned, int padNibble, boolean prefixCountsBytes,
                        String description, String source) {
    public FieldSpec {
        if (number < 0 || number > Layout.MAX_FIELDS) {
            throw new IllegalArgumentException("field number out of range: " + number);
        }
        if (maxLength <= 0) {
            throw new IllegalArgumentException("field " + number + ": length must be positive, got " + maxLength);
        }
        if ((lengthType == LengthType.FIXED) != (prefix == Encoding.NONE)) {
            throw new IllegalArgumentException("field " + number + ": a prefix encoding goes with a variable length");
        }
        if (lengthType != LengthType.FIXED && maxLength > maxForPrefix(lengthType)) {
            throw new IllegalArgumentException("field " + number + ": " + lengthType + " cannot express " + maxLength);
        }
        if (padNibble < 0 || padNibble > 15) {
            throw new IllegalArgumentException("field " + number + ": pad nibble " + padNibble);
        }
    }

    private static int maxForPrefix(LengthType t) {
        return switch (t) {
            case FIXED -> Integer.MAX_VALUE;
            case LL -> 99;
            case LLL -> 999;
            case LLLL -> 9999;
        };
    }

    public boolean isFixed() {
        return lengthType == LengthType.FIXED;
    }

    /** Bytes of the length prefix on the wire. */
    public int prefixBytes() {
        return lengthType.prefixBytes(prefix);
    }

    /** Wire bytes of the content for a value of {@code units} digits, characters or bytes. */
    public int contentBytes(int units) {
        if (kind == FieldKind.AMOUNT && content == Encoding.BCD) {
            return 1 + (units) / 2; // sign as one ASCII byte, then units-1 digits packed
        }
        return content.contentBytes(units);
    }

    /** The number the length prefix carries for a value of {@code units}. */
    int prefixValue(int units) {
        return prefixCountsBytes ? contentBytes(units) : units;
    }

    @Override
    public String toString() {
        return "field " + number + " (" + kind + " " + lengthType + " " + maxLength + " " + content
                + (isFixed() ? "" : ", prefix " + prefix) + ", from " + source + ")";
    }
}
