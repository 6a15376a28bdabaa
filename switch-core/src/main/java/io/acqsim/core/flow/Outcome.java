package io.acqsim.core.flow;

import io.acqsim.core.ledger.Transaction;
import java.util.Map;

/**
 * What the ledger step decided: the response code, the references to answer with, and any extra
 * response fields (DE54 balance, DE48 settlement). {@link #silent} means no response at all.
 */
record Outcome(String code, String rrn, String authCode, Map<Integer, String> extra, boolean silent) {

    static Outcome of(Transaction t) {
        return new Outcome(t.responseCode(), t.rrn(), t.authCode(), Map.of(), false);
    }

    static Outcome of(Transaction t, Map<Integer, String> extra) {
        return new Outcome(t.responseCode(), t.rrn(), t.authCode(), extra, false);
    }

    /** The first response again: same DE39, DE37 and DE38. */
    static Outcome replay(Transaction first) {
        return of(first);
    }

    /** A bare response code with no journal entry behind it. */
    static Outcome code(String code) {
        return new Outcome(code, null, null, Map.of(), false);
    }

    static Outcome none() {
        return new Outcome(null, null, null, Map.of(), true);
    }

    /** The same outcome answered with another code (advices are always acknowledged 00). */
    Outcome answeredAs(String newCode) {
        return new Outcome(newCode, rrn, "00".equals(newCode) ? authCode : null, extra, silent);
    }
}
