package io.acqsim.core.ledger;

import io.acqsim.core.reversal.TraceKey;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The journal of transactions, oldest first, bounded by a retention count, and the indexes that
 * find originals: by trace key (latest original or tombstone), the first approved reversal per
 * original key, by RRN, and approved authorizations by card and approval code. Touched only under
 * the ledger lock.
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

    private final int retention;
    private final ArrayDeque<Transaction> entries = new ArrayDeque<>();
    private final Map<TraceKey, Transaction> byKey = new HashMap<>();
    private final Map<TraceKey, Transaction> reversals = new HashMap<>();
    private final Map<Long, Transaction> byRrn = new HashMap<>();
    private final Map<String, Transaction> byRrnText = new HashMap<>();
    private final Map<AuthKey, Transaction> byAuth = new HashMap<>();
    private final Map<TerminalRef, Integer> isoBatches = new HashMap<>();
    private final Set<BatchRef> settled = new HashSet<>();

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
    }

    int size() {
        return entries.size();
    }

    void add(Transaction t) {
        entries.addLast(t);
        while (entries.size() > retention) {
            forget(entries.removeFirst());
        }
    }

    private void forget(Transaction t) {
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
    Iterator<Transaction> newestFirst() {
        return entries.descendingIterator();
    }

    void forEach(Consumer<Transaction> action) {
        entries.forEach(action);
    }

    // ---- originals by trace key ----

    Transaction byKey(TraceKey key) {
        return key == null ? null : byKey.get(key);
    }

    void indexKey(Transaction t) {
        byKey.put(t.key, t);
    }

    // ---- reversals: the first approved one per original key ----

    Transaction reversalOf(TraceKey key) {
        return reversals.get(key);
    }

    void indexReversal(Transaction reversal) {
        reversals.putIfAbsent(reversal.key, reversal);
    }

    // ---- references ----

    Transaction byRrn(String rrn) {
        if (rrn == null) {
            return null;
        }
        long number = Digits.parse(rrn, 12);
        return number >= 0 ? byRrn.get(number) : byRrnText.get(rrn);
    }

    void indexRrn(Transaction t) {
        if (t.rrn >= 0) {
            byRrn.put(t.rrn, t);
        } else if (t.rrnText != null) {
            byRrnText.put(t.rrnText, t);
        }
    }

    Transaction byAuthCode(String pan, String authCode) {
        if (pan == null || authCode == null || authCode.length() != 6 || !authCode.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return byAuth.get(new AuthKey(pan, Integer.parseInt(authCode)));
    }

    void indexAuthCode(Transaction t) {
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
