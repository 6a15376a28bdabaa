package io.acqsim.core.ledger;

import java.util.List;

/**
 * An immutable snapshot of a journaled transaction as the admin API shows it (the PAN is masked
 * when written out). {@code related} lists the original first (if any), then the transactions
 * that acted on this one. {@code node} is the node that posted it when several share the ledger
 * ({@code ledger.node}), else null.
 */
public record TransactionView(long id, String type, String mti, String dialect, String terminal, String merchant,
                              String stan, String rrn, String authCode, long amount, long effective,
                              String responseCode, String state, long time, String pan, String batch,
                              int repeats, List<Long> related, Integer node) {

    /** A view without a node number: the in-memory ledger of a single process. */
    public TransactionView(long id, String type, String mti, String dialect, String terminal, String merchant,
                           String stan, String rrn, String authCode, long amount, long effective, String responseCode,
                           String state, long time, String pan, String batch, int repeats, List<Long> related) {
        this(id, type, mti, dialect, terminal, merchant, stan, rrn, authCode, amount, effective, responseCode, state,
                time, pan, batch, repeats, related, null);
    }
}
