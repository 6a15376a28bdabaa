package io.acqsim.core.ledger;

import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * What one lock stripe owns of the memory store: the key index of its terminals' rows (latest
 * original or tombstone per key), the first approved reversal per original key, the extras of its
 * rows, its terminals' batches (the ISO implicit batch counter, settled batches, running batch
 * totals) and the running count and amount per (type, state). Touched only by the unit of work
 * that holds {@link #lock}.
 *
 * <p>The key index is a primitive map from a key's hash to the slot of the newest row filed under
 * that hash; older rows with the same hash follow through the journal's {@code keyNext} column (an
 * id distance), so a million keys on file cost one {@code int} pair each, not a map entry and a key
 * object. Rows are filed in id order within a stripe, so a chain runs from newest to oldest.
 */
final class Stripe {
    /** A terminal's batch: the unit settlement closes. */
    record BatchRef(String dialect, String terminal, String merchant, String batch) {
    }

    private static final String FIRST_BATCH = "000001";
    private static final TxType[] TYPES = TxType.values();
    private static final TxState[] STATES = TxState.values();
    private static final int NONE = -1;
    private static final int KEY_PARTS = 8;

    final ReentrantLock lock = new ReentrantLock();

    Stripe() {
        for (int p = 0; p < KEY_PARTS; p++) {
            keyParts[p] = new Int2IntHashMap(NONE);
        }
    }

    private Int2IntHashMap keyHeads(int hash) {
        return keyParts[hash >>> 29];
    }
    /**
     * The key index in {@value #KEY_PARTS} parts, chosen by the hash's top bits: a stripe that holds a
     * million keys (every terminal of one event loop's group) then keeps eight maps of a few hundred
     * kilobytes rather than one array of several megabytes, which G1 would place in whole regions.
     */
    private final Int2IntHashMap[] keyParts = new Int2IntHashMap[KEY_PARTS];
    /** Reversals are few: their index keeps key objects. */
    private final Map<TraceKey, Long> reversals = new HashMap<>();
    final Long2ObjectHashMap<Extra> extras = new Long2ObjectHashMap<>();
    private final Map<Site, Integer> isoBatches = new HashMap<>();
    private final Set<BatchRef> settled = new HashSet<>();
    /** Debit amount, debit count, credit amount, credit count of each batch, by site and batch number. */
    private final Long2ObjectHashMap<long[]> batchSums = new Long2ObjectHashMap<>();
    /** The same for batches the numbers above cannot name (a full site table, a batch that is not six digits). */
    private final Map<BatchRef, long[]> otherBatchSums = new HashMap<>();
    final long[][] counts = new long[TYPES.length][STATES.length];
    final long[][] amounts = new long[TYPES.length][STATES.length];
    /** Rows of this stripe on file. */
    int size;

    void clear() {
        for (Int2IntHashMap part : keyParts) {
            part.clear();
        }
        reversals.clear();
        extras.clear();
        isoBatches.clear();
        settled.clear();
        batchSums.clear();
        otherBatchSums.clear();
        for (long[] row : counts) {
            Arrays.fill(row, 0);
        }
        for (long[] row : amounts) {
            Arrays.fill(row, 0);
        }
        size = 0;
    }

    // ---- the key index ----

    /** Files {@code row} as the newest row of its key. */
    void fileKey(Row row, Journal journal) {
        if (row.has(Row.KEYED) && keyHeads(row.c.keyHash[row.i]).get(row.c.keyHash[row.i]) == row.slot) {
            return;
        }
        int hash = row.c.keyHash[row.i];
        int head = keyHeads(hash).put(hash, row.slot);
        int next = 0;
        if (head != NONE) {
            long delta = row.id - journal.idAt(head);
            next = delta > 0 && delta <= Integer.MAX_VALUE ? (int) delta : 0;
        }
        row.c.keyNext[row.i] = next;
        row.set(Row.KEYED);
    }

    /** The newest row on file under {@code key}, or null. */
    Row rowOf(TraceKey key, MemoryLedger ledger, Journal journal) {
        int hash = key.hashCode();
        int slot = keyHeads(hash).get(hash);
        while (slot != NONE) {
            Journal.Chunk c = journal.chunkIfPresent(slot);
            if (c == null) {
                return null;
            }
            int i = Journal.index(slot);
            long id = c.idAt(i);
            Row row = new Row(ledger, c, slot, id);
            if (id != 0 && !row.has(Row.EVICTED) && row.has(Row.KEYED) && row.keyIs(key)) {
                return row;
            }
            slot = next(c, i, id, journal);
        }
        return null;
    }

    /** The slot of the next older row in a key chain, or {@link #NONE}. */
    private static int next(Journal.Chunk c, int i, long id, Journal journal) {
        int delta = c.keyNext[i];
        if (delta == 0 || id == 0) {
            return NONE;
        }
        long older = id - delta;
        int slot = journal.slot(older);
        return older >= 1 && journal.idAt(slot) == older ? slot : NONE;
    }

    /** Takes a forgotten row out of the key index: its chain's head moves to the next row still on file. */
    private void unfileKey(Row row, Journal journal) {
        int hash = row.c.keyHash[row.i];
        Int2IntHashMap heads = keyHeads(hash);
        if (heads.get(hash) != row.slot) {
            return; // an older row of its chain: the chain ends where the slot no longer holds it
        }
        int next = next(row.c, row.i, row.id, journal);
        if (next == NONE) {
            heads.remove(hash);
        } else {
            heads.put(hash, next);
        }
    }

    // ---- reversals ----

    Long reversalOf(TraceKey key) {
        return reversals.get(key);
    }

    void fileReversal(Row reversal) {
        if (reversals.putIfAbsent(reversal.key(), reversal.id) == null) {
            reversal.set(Row.REVERSAL_INDEXED);
        }
    }

    // ---- totals ----

    /** Adds ({@code sign} 1) or takes out (-1) a row's share of the running totals. */
    void count(Row t, int sign) {
        TxState state = t.state();
        if (state == null) {
            return;
        }
        TxType type = t.type();
        long amount = t.amount();
        counts[type.ordinal()][state.ordinal()] += sign;
        amounts[type.ordinal()][state.ordinal()] += sign * Math.max(0, amount);
        if (!state.inEffect()) {
            return;
        }
        int column = type == TxType.SALE || type == TxType.COMPLETION ? 0 : type == TxType.REFUND ? 2 : -1;
        if (column < 0) {
            return;
        }
        long[] sums = sums(t);
        if (sums != null) {
            sums[column] += sign * t.effective();
            sums[column + 1] += sign;
        }
    }

    /** The running sums of a row's batch, made if need be; null when it has no batch. */
    private long[] sums(Row t) {
        int site = t.siteNumber();
        int batch = t.batchNumber();
        if (site >= 0 && batch >= 0) {
            long key = (long) site << 32 | batch;
            long[] sums = batchSums.get(key);
            if (sums == null) {
                sums = new long[4];
                batchSums.put(key, sums);
            }
            return sums;
        }
        String text = t.batch();
        if (text == null) {
            return null;
        }
        Site s = t.site();
        return otherBatchSums.computeIfAbsent(new BatchRef(s.dialect(), s.terminal(), s.merchant(), text),
                b -> new long[4]);
    }

    /** Takes a forgotten row out of the indexes and the totals (the caller marks it evicted). */
    void forget(Row t, Journal journal) {
        count(t, -1);
        if (t.has(Row.KEYED)) {
            unfileKey(t, journal);
        }
        if (t.has(Row.REVERSAL_INDEXED)) {
            reversals.remove(t.key(), t.id);
        }
        size--;
    }

    Book.BatchTotals batchTotals(BatchRef batch, int site) {
        long number = Digits.parse(batch.batch(), 6);
        long[] s = site >= 0 && number >= 0 ? batchSums.get((long) site << 32 | number) : otherBatchSums.get(batch);
        return s == null ? new Book.BatchTotals(0, 0, 0, 0)
                : new Book.BatchTotals(s[0], (int) s[1], s[2], (int) s[3]);
    }

    // ---- batches ----

    /** The host's current implicit batch for an ISO terminal, {@code 000001} at first. */
    String isoBatch(Site terminal) {
        int n = isoBatches.getOrDefault(terminal, 1);
        return n == 1 ? FIRST_BATCH : Digits.pad(n, 6);
    }

    /** Closes an ISO terminal's implicit batch and opens the next. */
    void nextIsoBatch(Site terminal) {
        isoBatches.merge(terminal, 2, (old, two) -> old + 1);
    }

    boolean isSettled(BatchRef batch) {
        return settled.contains(batch);
    }

    void settle(BatchRef batch) {
        settled.add(batch);
    }
}
