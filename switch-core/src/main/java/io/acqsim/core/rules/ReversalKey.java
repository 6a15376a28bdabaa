package io.acqsim.core.rules;

import io.acqsim.core.flow.Request;

/**
 * What names the original a reversal undoes (PROTOCOL.md §2): terminal, merchant, the original's
 * STAN, and on CUP the batch number DE60.2. An original owes a reversal under its own DE11; a
 * reversal names its original by DE90's (1993: DE56's) original STAN when present, else by its own DE11
 * (or where the dialect's {@code matching:} reads them).
 */
public record ReversalKey(String terminal, String merchant, String stan, String batch) {

    /** The key a reversal of this request (or, for a reversal, this reversal's retry) must carry. */
    public static ReversalKey owedBy(Request r) {
        return new ReversalKey(r.terminal(), r.merchant(), r.stan(), batch(r));
    }

    /** The key a reversal or advice names. */
    public static ReversalKey namedBy(Request r) {
        String stan;
        try {
            stan = r.matching().originalStan(r.view());
            if (stan == null) {
                String original = r.matching().originalData(r.view());
                stan = original != null && original.length() >= 10 && !r.dialect().hasCupHeader()
                        ? original.substring(4, 10) : r.stan();
            }
        } catch (IllegalArgumentException unreadable) {
            stan = r.stan();
        }
        return new ReversalKey(r.terminal(), r.merchant(), stan, batch(r));
    }

    private static String batch(Request r) {
        if (!r.dialect().hasCupHeader()) {
            return null;
        }
        String de60 = r.field(60);
        return de60 != null && de60.length() >= 8 ? de60.substring(2, 8) : null;
    }

    @Override
    public String toString() {
        return "terminal " + terminal + " merchant " + merchant + " stan " + stan
                + (batch == null ? "" : " batch " + batch);
    }
}
