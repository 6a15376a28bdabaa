package io.acqsim.core.ledger.pg;

import io.acqsim.core.ledger.TransactionView;
import java.util.List;

/** Builds the admin API's {@link TransactionView} of a stored transaction, in one place. */
final class PgViews {
    private PgViews() {
    }

    static TransactionView view(long id, int node, String type, String mti, String dialect, String terminal,
                                String merchant, String stan, String rrn, String authCode, long amount, long effective,
                                String responseCode, String state, long time, String pan, String batch, int repeats,
                                List<Long> related) {
        return new TransactionView(id, type, mti, dialect, terminal, merchant, stan, rrn, authCode, amount, effective,
                responseCode, state, time, pan, batch, repeats, related, node);
    }

    /** The same view with another list of related ids. */
    static TransactionView withRelated(TransactionView v, List<Long> related) {
        return new TransactionView(v.id(), v.type(), v.mti(), v.dialect(), v.terminal(), v.merchant(), v.stan(), v.rrn(),
                v.authCode(), v.amount(), v.effective(), v.responseCode(), v.state(), v.time(), v.pan(), v.batch(),
                v.repeats(), related, v.node());
    }
}
