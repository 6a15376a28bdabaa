package io.acqsim.codec.field;

/**
 * CUP DE61, "original message": 61.1 original batch number n6, 61.2 original STAN n6, 61.3
 * original transaction date MMDD n4 (the original response's DE13), then anything further kept as
 * one string. Voids usually send 61.1 and 61.2 only, so {@link #originalDate()} is null when the
 * field ends after 61.2; refunds carry all three.
 */
public record De61(String originalBatch, String originalStan, String originalDate, String rest) {
    private static final String FIELD = "DE61";

    public De61 {
        SubFields.digits(originalBatch, 6, "DE61.1 (original batch number)");
        SubFields.digits(originalStan, 6, "DE61.2 (original STAN)");
        if (originalDate != null) {
            SubFields.digits(originalDate, 4, "DE61.3 (original date MMDD)");
        }
        SubFields.require(rest, "DE61.4+ (rest)");
        if (originalDate == null && !rest.isEmpty()) {
            throw new IllegalArgumentException("DE61.3 (original date MMDD) is missing but later sub-fields '"
                    + rest + "' are present");
        }
    }

    public De61(String originalBatch, String originalStan, String originalDate) {
        this(originalBatch, originalStan, originalDate, "");
    }

    public static De61 parse(String wire) {
        SubFields.require(wire, FIELD);
        String batch = SubFields.slice(wire, 0, 6, "DE61.1 (original batch number)", FIELD);
        String stan = SubFields.slice(wire, 6, 6, "DE61.2 (original STAN)", FIELD);
        if (wire.length() == 12) {
            return new De61(batch, stan, null, "");
        }
        return new De61(batch, stan, SubFields.slice(wire, 12, 4, "DE61.3 (original date MMDD)", FIELD),
                wire.substring(16));
    }

    public String format() {
        return originalBatch + originalStan + (originalDate == null ? "" : originalDate + rest);
    }

    @Override
    public String toString() {
        return format();
    }
}
