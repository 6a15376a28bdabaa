package io.acqsim.core.ledger;

import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one lock stripe owns of the memory store: the trace-key indexes of its terminals' entries
 * (latest original or tombstone per key, the first approved reversal per original key), their
 * batches (the ISO implicit batch counter, settled batches, running batch totals) and the running
 * count and amount per (type, state). Touched only by the unit of work that holds {@link #lock}.
 */
final class Stripe {
    /** A terminal's batch: the unit settlement closes. */
    record BatchRef(String dialect, String terminal, String merchant, String batch) {
    }

    /** A terminal as the ISO implicit batch counter knows it. */
    private record TerminalRef(String dialect, String terminal, String merchant) {
    }

    private static final String FIRST_BATCH = "000001";
    private static final TxType[] TYPES = TxType.values();
    private static final TxState[] STATES = TxState.values();

    final ReentrantLock lock = new ReentrantLock();
    final Map<TraceKey, Entry> byKey = new HashMap<>();
    final Map<TraceKey, Entry> reversals = new HashMap<>();
    private final Map<TerminalRef, Integer> isoBatches = new HashMap<>();
    private final Set<BatchRef> settled = new HashSet<>();
    /** Debit amount, debit count, credit amount, credit count of each batch, kept as entries change. */
    private final Map<BatchRef, long[]> batchTotals = new HashMap<>();
    final long[][] counts = new long[TYPES.length][STATES.length];
    final long[][] amounts = new long[TYPES.length][STATES.length];
    /** Entries of this stripe on file. */
    int size;

    void clear() {
        byKey.clear();
        reversals.clear();
        isoBatches.clear();
        settled.clear();
        batchTotals.clear();
        for (long[] row : counts) {
            Arrays.fill(row, 0);
        }
        for (long[] row : amounts) {
            Arrays.fill(row, 0);
        }
        size = 0;
    }

    /** Adds ({@code sign} 1) or takes out (-1) an entry's share of the running totals. */
    void count(Entry t, int sign) {
        if (t.state == null) {
            return;
        }
        counts[t.type.ordinal()][t.state.ordinal()] += sign;
        amounts[t.type.ordinal()][t.state.ordinal()] += sign * Math.max(0, t.amount);
        if (t.batch == null || !t.state.inEffect()) {
            return;
        }
        int column = t.type == TxType.SALE || t.type == TxType.COMPLETION ? 0 : t.type == TxType.REFUND ? 2 : -1;
        if (column < 0) {
            return;
        }
        long[] sums = batchTotals.computeIfAbsent(new BatchRef(t.dialect, t.terminal, t.merchant, t.batch),
                b -> new long[4]);
        sums[column] += sign * t.effective;
        sums[column + 1] += sign;
    }

    /** Takes a forgotten entry out of the indexes and the totals. */
    void forget(Entry t) {
        count(t, -1);
        if (t.key != null) {
            byKey.remove(t.key, t);
            reversals.remove(t.key, t);
        }
        t.evicted = true;
        size--;
    }

    Book.BatchTotals batchTotals(BatchRef batch) {
        long[] s = batchTotals.get(batch);
        return s == null ? new Book.BatchTotals(0, 0, 0, 0)
                : new Book.BatchTotals(s[0], (int) s[1], s[2], (int) s[3]);
    }

    /** The host's current implicit batch for an ISO terminal, {@code 000001} at first. */
    String isoBatch(String dialect, String terminal, String merchant) {
        int n = isoBatches.getOrDefault(new TerminalRef(dialect, terminal, merchant), 1);
        return n == 1 ? FIRST_BATCH : Digits.pad(n, 6);
    }

    /** Closes an ISO terminal's implicit batch and opens the next. */
    void nextIsoBatch(String dialect, String terminal, String merchant) {
        isoBatches.merge(new TerminalRef(dialect, terminal, merchant), 2, (old, two) -> old + 1);
    }

    boolean isSettled(BatchRef batch) {
        return settled.contains(batch);
    }

    void settle(BatchRef batch) {
        settled.add(batch);
    }
}
