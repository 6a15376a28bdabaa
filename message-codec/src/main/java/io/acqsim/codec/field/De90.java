package io.acqsim.codec.field;

/**
 * ISO 8583:1987 DE90, original data elements, n42: original MTI n4, original STAN n6, original
 * transmission date and time (DE7) n10, original acquiring institution id n11, original forwarding
 * institution id n11 (both right-aligned, zero-filled).
 */
public record De90(String originalMti, String originalStan, String originalTransmissionTime,
                   String originalAcquirer, String originalForwarder) {
    public static final int LENGTH = 42;
    private static final String FIELD = "DE90";

    public De90 {
        SubFields.digits(originalMti, 4, "DE90.1 (original MTI)");
        SubFields.digits(originalStan, 6, "DE90.2 (original STAN)");
        SubFields.digits(originalTransmissionTime, 10, "DE90.3 (original transmission date and time)");
        SubFields.digits(originalAcquirer, 11, "DE90.4 (original acquiring institution)");
        SubFields.digits(originalForwarder, 11, "DE90.5 (original forwarding institution)");
    }

    public static De90 parse(String wire) {
        SubFields.require(wire, FIELD);
        if (wire.length() > LENGTH) {
            throw new IllegalArgumentException(FIELD + " must be " + LENGTH + " digits, got " + wire.length()
                    + ": '" + wire + "'");
        }
        return new De90(SubFields.slice(wire, 0, 4, "DE90.1 (original MTI)", FIELD),
                SubFields.slice(wire, 4, 6, "DE90.2 (original STAN)", FIELD),
                SubFields.slice(wire, 10, 10, "DE90.3 (original transmission date and time)", FIELD),
                SubFields.slice(wire, 20, 11, "DE90.4 (original acquiring institution)", FIELD),
                SubFields.slice(wire, 31, 11, "DE90.5 (original forwarding institution)", FIELD));
    }

    public String format() {
        return originalMti + originalStan + originalTransmissionTime + originalAcquirer + originalForwarder;
    }

    @Override
    public String toString() {
        return format();
    }
}
