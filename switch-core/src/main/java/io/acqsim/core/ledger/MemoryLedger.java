package io.acqsim.core.ledger;

import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.routing.TxType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The in-memory {@link LedgerStore}: accounts and the transaction journal in this process, with
 * no lock shared by every message. State is spread over {@link Stripes#COUNT} lock stripes (an
 * entry and its terminal's keys and batches by terminal id, an account by PAN); a unit of work
 * holds the stripes of what it touches, taking them in ascending order, or, when a look-up finds
 * it needs a lower one that is busy, starting again with nothing applied and that stripe added
 * ({@link MemoryBook}). Units on other terminals and cards run at the same time; units on the same
 * ones run one after the other, so a reversal that arrives while its original is being processed
 * runs after it. Off the event loops ({@link #apply}) a unit waits for a stripe that is taken; on an
 * event loop ({@link #tryApply}, {@link #defer}) it never waits: it is tried again in a later task of
 * its loop, behind nothing but that loop's earlier deferred units.
 *
 * <p>The journal ({@link Journal}) is a ring of primitive columns indexed by id, so a full journal
 * is a few dozen arrays rather than millions of objects for the collector to copy: the host's RRN
 * and approval code are derived from the id, so looking one up reads a slot instead of a map, and
 * the key index maps a key's hash to a slot ({@link Stripe}). Recording id {@code n} forgets the row
 * {@code retention} ids older if this thread recorded it (its rows' stripes are its own, see
 * {@link Stripes.Affinity}); the ring has {@link #SLACK} slots more than
 * the retention, so a slot is reused only well after its row was forgotten. Each thread's book takes
 * ids a block at a time, so ids are unique and increase per thread, and nearly so across threads. Totals (by type and
 * state, per batch) are kept per stripe as rows change.
 */
public final class MemoryLedger implements LedgerStore {
    private final AccountsConfig config;
    private final Clock clock;
    private final int retention;
    private final Map<String, AccountFixture> fixtures;
    final Stripe[] stripes = new Stripe[Stripes.COUNT];
    /** Ids a book takes from {@link #nextId} at a time (see {@link MemoryBook}). */
    static final int ID_BLOCK = 32;
    /** How far the counter may run ahead of a book's unused ids before the book gives them up. */
    static final int ID_LAG = 4096;
    /**
     * Slots beyond the retention: a slot is reused only {@code SLACK} ids after its row was forgotten,
     * more than the ids any book may lag behind the counter, so a book never claims the slot of a
     * newer row and a unit never sees a row it holds overwritten.
     */
    static final int SLACK = 2 * ID_LAG;

    final ConcurrentHashMap<String, AccountRecord> accounts = new ConcurrentHashMap<>();
    /** At most this many card accounts (each holds a row's account number); a new card past it is refused. */
    static final int MAX_ACCOUNTS = 1 << 24;
    /** Accounts by number, for journal rows; replaced whole by {@link #reset}. */
    private volatile NameTable<AccountRecord> accountTable;
    /** Where transactions come from (dialect, terminal, merchant), by number. */
    final NameTable<Site> sites = new NameTable<>(1 << 17, 0);
    /** Response codes by number (0 stands for none). */
    final NameTable<String> codes = new NameTable<>(Row.CODE_EXTRA, 1);
    /** Rows by slot ({@code id % (retention + SLACK)}); replaced whole by {@link #reset}. */
    volatile Journal journal;
    /** The next id; ids keep counting across resets so RRNs stay unique per run. */
    final AtomicLong nextId = new AtomicLong(1);
    /** Originals that brought their own RRN (DE37), by that RRN; host RRNs are ids and need no index. */
    final ConcurrentHashMap<String, Long> ownRrns = new ConcurrentHashMap<>();
    private final ThreadLocal<MemoryBook> books;
    /** Units an event loop queued because a stripe was taken ({@link MemoryBook#defer}). */
    final LongAdder deferred = new LongAdder();
    /** Home groups handed to books as threads first use the ledger. */
    private final AtomicInteger homes = new AtomicInteger();
    /** Stripes of terminal ids and of PANs (see {@link Stripes.Affinity}). */
    final Stripes.Affinity terminalStripes = new Stripes.Affinity();
    final Stripes.Affinity panStripes = new Stripes.Affinity();
    /** {@code ledger.node} times 10^10: the node's two digits in front of its host RRNs (0 without a node). */
    private volatile long rrnPrefix;

    public MemoryLedger(AccountsConfig config, List<AccountFixture> fixtures, Clock clock) {
        this(config, fixtures, clock, 1_000_000);
    }

    /**
     * @param retention how many transactions the journal keeps; the oldest are forgotten beyond
     *                  it (a reversal of a forgotten original is treated as unknown)
     */
    public MemoryLedger(AccountsConfig config, List<AccountFixture> fixtures, Clock clock, int retention) {
        if (retention < 1) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        this.config = config;
        this.clock = clock;
        this.retention = retention;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe();
        }
        this.journal = new Journal(retention + SLACK);
        this.books = ThreadLocal.withInitial(() -> new MemoryBook(this, homes.getAndIncrement()));
        this.fixtures = new LinkedHashMap<>();
        for (AccountFixture f : fixtures) {
            this.fixtures.put(f.pan(), f);
        }
        reset();
    }

    /** Waits for the stripes it needs: for admin threads, tests and the journal thread, never an event loop. */
    @Override
    public <T> T apply(UnitOfWork<T> work) {
        return books.get().run(work);
    }

    /** Only tries the stripes it needs (see {@link MemoryBook#tryRun}): what the event loops call. */
    @Override
    public <T> T tryApply(UnitOfWork<T> work) {
        return books.get().tryRun(work);
    }

    @Override
    public <T> void defer(Hint hint, UnitOfWork<T> work, Executor loop,
                          BiConsumer<? super T, ? super Throwable> later) {
        books.get().defer(work, loop, later);
    }

    @Override
    public long deferredUnits() {
        return deferred.sum();
    }

    /**
     * Puts {@code ledger.node} in front of this ledger's host RRNs (their first two digits), as the
     * PostgreSQL store does for each node; without it a host RRN is the journal id in twelve digits.
     */
    public MemoryLedger node(int node) {
        if (node < 0 || node > 99) {
            throw new IllegalArgumentException("node must be 0 to 99: " + node);
        }
        rrnPrefix = node * RRN_IDS;
        return this;
    }

    private static final long RRN_IDS = 10_000_000_000L;

    /** The host RRN of the entry with this id. */
    long hostRrn(long id) {
        return rrnPrefix + id % RRN_IDS;
    }

    /** The id a host RRN was made from, or -1 when it is not one of this ledger's. */
    long idOfHostRrn(long rrn) {
        long id = rrn - rrnPrefix;
        return id >= 1 && id < RRN_IDS ? id : -1;
    }

    /** A handle on the row with this id if its slot holds it now (the caller holds its stripe), else null. */
    Row rowIfPresent(long id) {
        Journal j = journal;
        int slot = j.slot(id);
        Journal.Chunk c = j.chunkIfPresent(slot);
        return c != null && c.idAt(Journal.index(slot)) == id ? new Row(this, c, slot, id) : null;
    }

    AccountRecord accountAt(int n) {
        return accountTable.get(n);
    }

    private AccountRecord newAccount(String pan, long balance, String currency) {
        AccountRecord a = new AccountRecord(pan, panStripes.of(pan, 0), balance, currency);
        a.index = accountTable.add(a);
        if (a.index < 0) {
            throw new IllegalStateException("the ledger holds " + MAX_ACCOUNTS + " card accounts already");
        }
        accounts.put(pan, a);
        return a;
    }

    int retention() {
        return retention;
    }

    // ---- admin: each takes the one stripe it reads, or all of them (reset) ----

    private <T> T holding(int stripe, Supplier<T> work) {
        Stripe s = stripes[stripe];
        s.lock.lock();
        try {
            return work.get();
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public void reset() {
        for (Stripe s : stripes) {
            s.lock.lock();
        }
        try {
            journal = new Journal(retention + SLACK);
            ownRrns.clear();
            accounts.clear();
            accountTable = new NameTable<>(MAX_ACCOUNTS, 0);
            for (Stripe s : stripes) {
                s.clear();
            }
            for (AccountFixture f : fixtures.values()) {
                newAccount(f.pan(), f.balance(), f.currency());
            }
        } finally {
            for (int i = stripes.length - 1; i >= 0; i--) {
                stripes[i].lock.unlock();
            }
        }
    }

    @Override
    public Optional<Account.AccountView> find(String pan) {
        return holding(panStripes.of(pan, 0), () -> Optional.ofNullable(accounts.get(pan)).map(Account::view));
    }

    @Override
    public Account.AccountView put(String pan, long balance, String currency) {
        if (!Money.isBalance(balance)) {
            throw new IllegalArgumentException("balance " + balance + " is outside ±" + Money.MAX_BALANCE);
        }
        String cur = currency == null ? config.currency() : currency;
        return holding(panStripes.of(pan, 0), () -> {
            AccountRecord a = accounts.get(pan);
            if (a == null) {
                a = newAccount(pan, balance, cur);
            } else {
                a.replace(balance, cur);
            }
            return a.view();
        });
    }

    @Override
    public List<Account.AccountView> accounts() {
        List<Account.AccountView> out = new ArrayList<>();
        for (AccountRecord a : accounts.values()) {
            out.add(holding(a.stripe, a::view));
        }
        return out;
    }

    /** Newest first; each row read under its own stripe, never one lock held for the walk. */
    @Override
    public List<TransactionView> transactions(Predicate<TransactionView> filter, int limit) {
        List<TransactionView> out = new ArrayList<>();
        Journal j = journal;
        long newest = nextId.get() - 1;
        // Ids are taken a block at a time, so the rows on file lie anywhere in the last capacity ids.
        for (long id = newest; id >= 1 && id > newest - j.capacity && out.size() < limit; id--) {
            int slot = j.slot(id);
            Journal.Chunk c = j.chunkIfPresent(slot);
            if (c == null || c.idAt(Journal.index(slot)) != id) {
                continue;
            }
            TransactionView v = viewOf(new Row(this, c, slot, id));
            if (v != null && filter.test(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** A row's view read under its stripe, or null when it left the journal meanwhile or has no state yet. */
    private TransactionView viewOf(Row r) {
        while (true) {
            int s = r.stripe();
            TransactionView v = holding(s, () -> {
                if (r.c.idAt(r.i) != r.id) {
                    return null;
                }
                if (r.stripe() != s) {
                    return MOVED;
                }
                return r.has(Row.EVICTED) || r.state() == null ? null : r.view();
            });
            if (v != MOVED) {
                return v;
            }
        }
    }

    /** Says "read the stripe again" from inside {@link #viewOf}. */
    private static final TransactionView MOVED = new TransactionView(0, null, null, null, null, null, null, null,
            null, 0, 0, null, null, 0, null, null, 0, List.of());

    @Override
    public void totals(Tally tally) {
        TxType[] types = TxType.values();
        TxState[] states = TxState.values();
        long[][] counts = new long[types.length][states.length];
        long[][] amounts = new long[types.length][states.length];
        for (Stripe s : stripes) {
            s.lock.lock();
            try {
                for (int t = 0; t < types.length; t++) {
                    for (int st = 0; st < states.length; st++) {
                        counts[t][st] += s.counts[t][st];
                        amounts[t][st] += s.amounts[t][st];
                    }
                }
            } finally {
                s.lock.unlock();
            }
        }
        for (int t = 0; t < types.length; t++) {
            for (int st = 0; st < states.length; st++) {
                if (counts[t][st] > 0) {
                    tally.add(types[t], states[st], counts[t][st], amounts[t][st]);
                }
            }
        }
    }

    @Override
    public int journalSize() {
        int n = 0;
        for (Stripe s : stripes) {
            s.lock.lock();
            try {
                n += s.size;
            } finally {
                s.lock.unlock();
            }
        }
        return n;
    }

    // ---- used by MemoryBook, holding the stripe of the PAN ----

    AccountRecord openAccount(String pan) {
        AccountRecord a = accounts.get(pan);
        if (a == null && config.autoCreate()) {
            a = newAccount(pan, config.openingBalance(), config.currency());
        }
        return a;
    }

    long now() {
        return clock.millis();
    }
}
