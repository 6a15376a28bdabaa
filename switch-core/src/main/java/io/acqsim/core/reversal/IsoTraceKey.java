package io.acqsim.core.reversal;

/**
 * ISO 1987 original key: DE41 + DE42 + the original's DE11, within one dialect (the binary and
 * ASCII listeners share the ledger, not their terminals' STANs). A reversal takes the STAN from
 * DE90 (original data elements) when present, else from its own DE11, since most terminals reuse it.
 */
public final class IsoTraceKey extends KeyFields implements TraceKey {
    public IsoTraceKey(String dialect, String terminal, String merchant, String stan) {
        super(dialect, terminal, merchant, stan);
    }

    /** With a six-digit STAN as its number (see {@link Matching#sixDigitStan}). */
    public IsoTraceKey(String dialect, String terminal, String merchant, int sixDigitStan) {
        super(dialect, terminal, merchant, sixDigitStan);
    }

    public String dialect() {
        return scope();
    }

    @Override
    public String toString() {
        return dialect() + ":" + terminal() + "/" + merchant() + "/" + stan();
    }
}
