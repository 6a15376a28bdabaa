package io.acqsim.core.ledger;

import java.util.List;

/**
 * An immutable snapshot of a journaled transaction as the admin API shows it (the PAN is masked
 * when written out). {@code related} lists the original first (if any), then the transactions
 * that acted on this one.
 */
public record TransactionView(long id, String type, String mti, String dialect, String terminal, String merchant,
                              String stan, String rrn, String authCode, long amount, long effective,
                              String responseCode, String state, long time, String pan, String batch,
                              int repeats, List<Long> related) {
}
