package io.acqsim.codec.field;

/**
 * ISO 8583:1987 DE95, replacement amounts, an42. Only 95.1, the actual transaction amount n12
 * (in a partial reversal: what remains of the original after the reversal), is interpreted; the
 * rest (settlement amount, fees) is kept as it came so that the field can be echoed unchanged.
 */
public record De95(String actualAmount, String rest) {
    public static final int LENGTH = 42;
    private static final String FIELD = "DE95";

    public De95 {
        SubFields.digits(actualAmount, 12, "DE95.1 (actual transaction amount)");
        SubFields.require(rest, "DE95.2+ (rest)");
        if (12 + rest.length() > LENGTH) {
            throw new IllegalArgumentException(FIELD + " is at most " + LENGTH + " characters, got "
                    + (12 + rest.length()));
        }
    }

    public static De95 parse(String wire) {
        SubFields.require(wire, FIELD);
        return new De95(SubFields.slice(wire, 0, 12, "DE95.1 (actual transaction amount)", FIELD),
                wire.substring(12));
    }

    /** A DE95 carrying only an amount, the remaining sub-fields zero-filled to the full 42. */
    public static De95 ofAmount(long minorUnits) {
        if (minorUnits < 0 || minorUnits > 999_999_999_999L) {
            throw new IllegalArgumentException("DE95.1 (actual transaction amount) out of range: " + minorUnits);
        }
        return new De95(String.format("%012d", minorUnits), "0".repeat(LENGTH - 12));
    }

    /** 95.1 in minor units. */
    public long actualAmountMinor() {
        return Long.parseLong(actualAmount);
    }

    public String format() {
        return actualAmount + rest;
    }

    @Override
    public String toString() {
        return format();
    }
}
