package io.acqsim.core.ledger;

import java.util.List;

/** An immutable snapshot of a journaled transaction, as the admin API shows it (PAN unmasked only in memory). */
public record TransactionView(long id, String type, String mti, String dialect, String terminal, String merchant,
                              String stan, String rrn, String authCode, long amount, String responseCode,
                              String state, long time, String pan, List<Long> related) {
}
