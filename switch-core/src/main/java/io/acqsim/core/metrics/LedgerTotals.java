package io.acqsim.core.metrics;

import io.acqsim.core.ledger.LedgerStore;
import io.acqsim.core.ledger.TxState;
import io.acqsim.core.routing.TxType;
import java.util.Locale;

/**
 * Count and amount of the journal's transactions for every (type, state) pair, as the store keeps
 * them (updated as transactions change, so a scrape never walks the journal).
 */
final class LedgerTotals {
    private static final TxType[] TYPES = TxType.values();
    private static final TxState[] STATES = TxState.values();

    private final long[][] counts = new long[TYPES.length][STATES.length];
    private final long[][] amounts = new long[TYPES.length][STATES.length];

    /** What a gauge row is made of. */
    @FunctionalInterface
    interface Row {
        void accept(String type, String state, long count, long amount);
    }

    static LedgerTotals of(LedgerStore ledger) {
        LedgerTotals t = new LedgerTotals();
        ledger.totals(t::add);
        return t;
    }

    void add(TxType type, TxState state, long count, long amount) {
        if (type == null || state == null) {
            return;
        }
        counts[type.ordinal()][state.ordinal()] += count;
        amounts[type.ordinal()][state.ordinal()] += amount;
    }

    /** Every pair that has at least one transaction, tag values in lower case. */
    void forEach(Row row) {
        for (TxType type : TYPES) {
            for (TxState state : STATES) {
                long n = counts[type.ordinal()][state.ordinal()];
                if (n > 0) {
                    row.accept(type.name().toLowerCase(Locale.ROOT), state.name().toLowerCase(Locale.ROOT), n,
                            amounts[type.ordinal()][state.ordinal()]);
                }
            }
        }
    }

    long tombstones() {
        long n = 0;
        for (TxType type : TYPES) {
            n += counts[type.ordinal()][TxState.TOMBSTONE.ordinal()];
        }
        return n;
    }
}
