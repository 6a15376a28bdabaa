package io.acqsim.core.reversal;

/**
 * How a terminal names one of its own transactions: the key a reversal, a CUP void and duplicate
 * detection look originals up by. Each dialect has its own value type, so an ISO key can never
 * match a CUP transaction.
 */
public sealed interface TraceKey permits IsoTraceKey, CupTraceKey {
    /** Terminal id (DE41). */
    String terminal();

    /** Merchant id (DE42). */
    String merchant();

    /** System trace audit number (DE11) of the original. */
    String stan();

    /** The STAN as a number ({@link Stan#parse}), without making its text. */
    int stanNumber();

    /** The STAN's text when the number does not say it all ({@link Stan#residue}), else null. */
    String stanResidue();
}
