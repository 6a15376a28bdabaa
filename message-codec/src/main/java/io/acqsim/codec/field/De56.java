package io.acqsim.codec.field;

/**
 * ISO 8583:1993 DE56, original data elements, LLVAR n..35: original MTI n4, original STAN n6,
 * original local date and time (DE12, YYMMDDhhmmss) n12, then the original acquiring institution
 * id as LLVAR n..11 (two digits of length, then the id), which may be left out.
 */
public record De56(String originalMti, String originalStan, String originalLocalTime, String originalAcquirer) {
    private static final String FIELD = "DE56";
    private static final int FIXED = 22;

    public De56 {
        SubFields.digits(originalMti, 4, "DE56.1 (original MTI)");
        SubFields.digits(originalStan, 6, "DE56.2 (original STAN)");
        SubFields.digits(originalLocalTime, 12, "DE56.3 (original local date and time)");
        if (originalAcquirer != null) {
            SubFields.optionalDigits(originalAcquirer, "DE56.4 (original acquiring institution)");
        }
    }

    public static De56 parse(String wire) {
        SubFields.require(wire, FIELD);
        String acquirer = null;
        if (wire.length() > FIXED) {
            String ll = SubFields.slice(wire, FIXED, 2, "DE56.4 length", FIELD);
            if (!SubFields.isDigits(ll) || wire.length() != FIXED + 2 + Integer.parseInt(ll)
                    || Integer.parseInt(ll) > 11) {
                throw new IllegalArgumentException("DE56.4 (original acquiring institution) must be LLVAR n..11 after"
                        + " 22 digits, got '" + wire + "'");
            }
            acquirer = wire.substring(FIXED + 2);
        }
        return new De56(SubFields.slice(wire, 0, 4, "DE56.1 (original MTI)", FIELD),
                SubFields.slice(wire, 4, 6, "DE56.2 (original STAN)", FIELD),
                SubFields.slice(wire, 10, 12, "DE56.3 (original local date and time)", FIELD), acquirer);
    }

    public String format() {
        return originalMti + originalStan + originalLocalTime
                + (originalAcquirer == null ? "" : String.format("%02d", originalAcquirer.length()) + originalAcquirer);
    }

    @Override
    public String toString() {
        return format();
    }
}
