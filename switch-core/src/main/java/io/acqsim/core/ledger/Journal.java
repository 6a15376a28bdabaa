package io.acqsim.core.ledger;

import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The journal of transactions, oldest first, bounded by a retention count, and the indexes that
 * find originals: by trace key (latest original or tombstone), the first approved reversal per
 * original key, by RRN, and approved authorizations by card and approval code; and the totals by
 * type and state and per batch, kept as entries change. Touched only inside a unit of work.
 */
final class Journal {
    /** A terminal's batch: the unit settlement closes. */
    record BatchRef(String dialect, String terminal, String merchant, String batch) {
    }

    /** A terminal as the ISO implicit batch counter knows it. */
    private record TerminalRef(String dialect, String terminal, String merchant) {
    }

    private record AuthKey(String pan, int authCode) {
    }

    private static final String FIRST_BATCH = "000001";
    private static final TxType[] TYPES = TxType.values();
    private static final TxState[] STATES = TxState.values();

    private final int retention;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<TraceKey, Entry> byKey = new HashMap<>();
    private final Map<TraceKey, Entry> reversals = new HashMap<>();
    private final Map<Long, Entry> byRrn = new HashMap<>();
    private final Map<String, Entry> byRrnText = new HashMap<>();
    private final Map<AuthKey, Entry> byAuth = new HashMap<>();
    private final Map<TerminalRef, Integer> isoBatches = new HashMap<>();
    private final Set<BatchRef> settled = new HashSet<>();
    /** Count and amount per (type, state) of the retained entries, kept as they change. */
    private final long[][] counts = new long[TYPES.length][STATES.length];
    private final long[][] amounts = new long[TYPES.length][STATES.length];
    /** Debit amount, debit count, credit amount, credit count of each batch, kept as entries change. */
    private final Map<BatchRef, long[]> batchTotals = new HashMap<>();

    Journal(int retention) {
        this.retention = retention;
    }

    void clear() {
        entries.clear();
        byKey.clear();
        reversals.clear();
        byRrn.clear();
        byRrnText.clear();
        byAuth.clear();
        isoBatches.clear();
        settled.clear();
        batchTotals.clear();
        for (long[] row : counts) {
            java.util.Arrays.fill(row, 0);
        }
        for (long[] row : amounts) {
            java.util.Arrays.fill(row, 0);
        }
    }

    int size() {
        return entries.size();
    }

    void add(Entry t) {
        entries.addLast(t);
        while (entries.size() > retention) {
            forget(entries.removeFirst());
        }
    }

    /** Takes out the newest entry again (a unit of work that failed after recording it). */
    void removeNewest(Entry t) {
        if (entries.peekLast() == t) {
            entries.removeLast();
            forget(t);
        }
    }

    private void forget(Entry t) {
        count(t, -1);
        if (t.key != null) {
            byKey.remove(t.key, t);
            reversals.remove(t.key, t);
        }
        if (t.rrn >= 0) {
            byRrn.remove(t.rrn, t);
        } else if (t.rrnText != null) {
            byRrnText.remove(t.rrnText, t);
        }
        if (t.authCode >= 0 && t.account != null) {
            byAuth.remove(new AuthKey(t.account.pan(), t.authCode), t);
        }
    }

    /** Newest first. */
    Iterator<Entry> newestFirst() {
        return entries.descendingIterator();
    }

    // ---- totals, kept as entries change ----

    /** Runs {@code change} on an entry with its share of the totals taken out before and put back after. */
    void moved(Entry t, Runnable change) {
        count(t, -1);
        change.run();
        count(t, +1);
    }

    private void count(Entry t, int sign) {
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

    void totals(LedgerStore.Tally tally) {
        for (TxType type : TYPES) {
            for (TxState state : STATES) {
                long n = counts[type.ordinal()][state.ordinal()];
                if (n > 0) {
                    tally.add(type, state, n, amounts[type.ordinal()][state.ordinal()]);
                }
            }
        }
    }

    Book.BatchTotals batchTotals(BatchRef batch) {
        long[] s = batchTotals.get(batch);
        return s == null ? new Book.BatchTotals(0, 0, 0, 0)
                : new Book.BatchTotals(s[0], (int) s[1], s[2], (int) s[3]);
    }

    // ---- originals by trace key ----

    Entry byKey(TraceKey key) {
        return key == null ? null : byKey.get(key);
    }

    void indexKey(Entry t) {
        byKey.put(t.key, t);
    }

    // ---- reversals: the first approved one per original key ----

    Entry reversalOf(TraceKey key) {
        return reversals.get(key);
    }

    void indexReversal(Entry reversal) {
        reversals.putIfAbsent(reversal.key, reversal);
    }

    // ---- references ----

    Entry byRrn(String rrn) {
        if (rrn == null) {
            return null;
        }
        long number = Digits.parse(rrn, 12);
        return number >= 0 ? byRrn.get(number) : byRrnText.get(rrn);
    }

    void indexRrn(Entry t) {
        if (t.rrn >= 0) {
            byRrn.put(t.rrn, t);
        } else if (t.rrnText != null) {
            byRrnText.put(t.rrnText, t);
        }
    }

    Entry byAuthCode(String pan, String authCode) {
        if (pan == null || authCode == null || authCode.length() != 6 || !authCode.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return byAuth.get(new AuthKey(pan, Integer.parseInt(authCode)));
    }

    void indexAuthCode(Entry t) {
        byAuth.put(new AuthKey(t.account.pan(), t.authCode), t);
    }

    // ---- batches ----

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
