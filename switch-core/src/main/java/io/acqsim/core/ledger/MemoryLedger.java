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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The in-memory {@link LedgerStore}: accounts and the transaction journal in this process, with
 * no lock shared by every message. State is spread over {@link Stripes#COUNT} lock stripes (an
 * entry and its terminal's keys and batches by terminal id, an account by PAN); a unit of work
 * holds the stripes of what it touches, taking them in ascending order, or, when a look-up finds
 * it needs a lower one that is busy, starting again with nothing applied and that stripe added
 * ({@link MemoryBook}). Units on other terminals and cards run at the same time; units on the same
 * ones wait for each other, so a reversal that arrives while its original is being processed
 * waits for it.
 *
 * <p>The journal is a ring of {@code retention} entries indexed by id: the host's RRN and approval
 * code are derived from the id, so looking one up reads a slot instead of a map. A new entry takes
 * the slot of the one {@code retention} ids older, which is forgotten then (under that one's
 * stripe). Totals (by type and state, per batch) are kept per stripe as entries change.
 */
public final class MemoryLedger implements LedgerStore {
    private final AccountsConfig config;
    private final Clock clock;
    private final int retention;
    private final Map<String, AccountFixture> fixtures;
    final Stripe[] stripes = new Stripe[Stripes.COUNT];
    final ConcurrentHashMap<String, AccountRecord> accounts = new ConcurrentHashMap<>();
    /** Entries by slot ({@code id % retention}); replaced whole by {@link #reset}. */
    volatile Ring ring;
    /** The next id; ids keep counting across resets so RRNs stay unique per run. */
    final AtomicLong nextId = new AtomicLong(1);
    /** Originals that brought their own RRN (DE37), by that RRN; host RRNs are ids and need no index. */
    final ConcurrentHashMap<String, Entry> ownRrns = new ConcurrentHashMap<>();
    private final ThreadLocal<MemoryBook> books;
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
        this.ring = new Ring(retention);
        this.books = ThreadLocal.withInitial(() -> new MemoryBook(this));
        this.fixtures = new LinkedHashMap<>();
        for (AccountFixture f : fixtures) {
            this.fixtures.put(f.pan(), f);
        }
        reset();
    }

    @Override
    public <T> T apply(UnitOfWork<T> work) {
        return books.get().run(work);
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

    int slot(long id) {
        return (int) (id % retention);
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
            ring = new Ring(retention);
            ownRrns.clear();
            accounts.clear();
            for (Stripe s : stripes) {
                s.clear();
            }
            for (AccountFixture f : fixtures.values()) {
                accounts.put(f.pan(), new AccountRecord(f.pan(), f.balance(), f.currency()));
            }
        } finally {
            for (int i = stripes.length - 1; i >= 0; i--) {
                stripes[i].lock.unlock();
            }
        }
    }

    @Override
    public Optional<Account.AccountView> find(String pan) {
        return holding(Stripes.of(pan), () -> Optional.ofNullable(accounts.get(pan)).map(Account::view));
    }

    @Override
    public Account.AccountView put(String pan, long balance, String currency) {
        if (!Money.isBalance(balance)) {
            throw new IllegalArgumentException("balance " + balance + " is outside ±" + Money.MAX_BALANCE);
        }
        String cur = currency == null ? config.currency() : currency;
        return holding(Stripes.of(pan), () -> {
            AccountRecord a = accounts.get(pan);
            if (a == null) {
                a = new AccountRecord(pan, balance, cur);
                accounts.put(pan, a);
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

    /** Newest first; each entry read under its own stripe, never one lock held for the walk. */
    @Override
    public List<TransactionView> transactions(Predicate<TransactionView> filter, int limit) {
        List<TransactionView> out = new ArrayList<>();
        Ring r = ring;
        long newest = nextId.get() - 1;
        for (long id = newest; id >= 1 && id > newest - retention && out.size() < limit; id--) {
            int slot = slot(id);
            Entry e = r.get(slot);
            if (e == null || e.id != id) {
                continue;
            }
            TransactionView v = holding(e.stripe, () -> r.get(slot) == e && !e.evicted && e.state != null
                    ? e.view() : null);
            if (v != null && filter.test(v)) {
                out.add(v);
            }
        }
        return out;
    }

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
            a = new AccountRecord(pan, config.openingBalance(), config.currency());
            accounts.put(pan, a);
        }
        return a;
    }

    long now() {
        return clock.millis();
    }
}
