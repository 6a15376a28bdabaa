package io.acqsim.core.reversal;

/**
 * How a message names the transaction it acts on: by the terminal's trace key, or by a
 * reference (RRN, approval code). Exactly one of the two is set.
 */
public record Target(TraceKey key, Reference reference) {
    public static Target of(TraceKey key) {
        return new Target(key, null);
    }

    public static Target of(Reference reference) {
        return new Target(null, reference);
    }

    @Override
    public String toString() {
        return key != null ? "key " + key : "reference " + reference;
    }
}
