package io.acqsim.core.reversal;

/**
 * How a terminal names one of its own transactions: the key a reversal, a CUP void and duplicate
 * detection look originals up by. Each dialect has its own value type, so an ISO key can never
 * match a CUP transaction.
 */
public sealed interface TraceKey permits IsoTraceKey, CupTraceKey {
    /** Terminal id (DE41). */
    String terminal();

    /** System trace audit number (DE11) of the original. */
    String stan();
}
