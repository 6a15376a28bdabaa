package io.acqsim.core.reversal;

/**
 * CUP original key: DE41 + DE42 + batch (DE60.2) + DE11. A reversal 冲正 carries the original's
 * DE11 and 60.2; a void 撤销 names it by 61.1 (batch) and 61.2 (STAN), same terminal only.
 */
public final class CupTraceKey extends KeyFields implements TraceKey {
    public CupTraceKey(String terminal, String merchant, String batch, String stan) {
        super(batch, terminal, merchant, stan);
    }

    /** With a six-digit STAN as its number (see {@link Matching#sixDigitStan}). */
    public CupTraceKey(String terminal, String merchant, String batch, int sixDigitStan) {
        super(batch, terminal, merchant, sixDigitStan);
    }

    public String batch() {
        return scope();
    }

    @Override
    public String toString() {
        return terminal() + "/" + merchant() + "/" + batch() + "/" + stan();
    }
}
