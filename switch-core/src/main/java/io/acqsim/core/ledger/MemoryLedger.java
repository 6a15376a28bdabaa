package io.acqsim.core.ledger;

import io.acqsim.core.config.AccountsConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The in-memory {@link LedgerStore}: accounts and the transaction journal in this process. Every
 * change happens inside {@link #apply}, so messages are applied one at a time whatever connection
 * or thread they come from: an effect is applied whole or not at all, and a reversal that arrives
 * while its original is being processed waits for it. A unit that fails is rolled back.
 */
public final class MemoryLedger implements LedgerStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final AccountsConfig config;
    private final Clock clock;
    private final Map<String, AccountFixture> fixtures;
    private final Map<String, AccountRecord> accounts = new HashMap<>();
    private final Journal journal;
    private final MemoryBook book;
    private long nextId = 1;
    private long nextRrn = 1;
    private long nextAuth = 1;

    public MemoryLedger(AccountsConfig config, List<AccountFixture> fixtures, Clock clock) {
        this(config, fixtures, clock, 1_000_000);
    }

    /**
     * @param retention how many transactions the journal keeps; the oldest are forgotten beyond
     *                  it (a reversal of a forgotten original is treated as unknown)
     */
    public MemoryLedger(AccountsConfig config, List<AccountFixture> fixtures, Clock clock, int retention) {
        this.config = config;
        this.clock = clock;
        this.journal = new Journal(retention);
        this.book = new MemoryBook(this, journal);
        this.fixtures = new LinkedHashMap<>();
        for (AccountFixture f : fixtures) {
            this.fixtures.put(f.pan(), f);
        }
        reset();
    }

    @Override
    public <T> T apply(UnitOfWork<T> work) {
        lock.lock();
        try {
            book.begin();
            try {
                return work.run(book);
            } catch (RuntimeException | Error e) {
                book.rollBack();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void reset() {
        locked(() -> {
            accounts.clear();
            journal.clear();
            for (AccountFixture f : fixtures.values()) {
                accounts.put(f.pan(), new AccountRecord(f.pan(), f.balance(), f.currency()));
            }
            return null;
        });
    }

    @Override
    public Optional<Account.AccountView> find(String pan) {
        return locked(() -> Optional.ofNullable(accounts.get(pan)).map(Account::view));
    }

    @Override
    public Account.AccountView put(String pan, long balance, String currency) {
        if (!Money.isBalance(balance)) {
            throw new IllegalArgumentException("balance " + balance + " is outside ±" + Money.MAX_BALANCE);
        }
        return locked(() -> {
            AccountRecord a = accounts.get(pan);
            if (a == null) {
                a = new AccountRecord(pan, balance, currency == null ? config.currency() : currency);
                accounts.put(pan, a);
            } else {
                a.replace(balance, currency == null ? config.currency() : currency);
            }
            return a.view();
        });
    }

    @Override
    public List<Account.AccountView> accounts() {
        return locked(() -> accounts.values().stream().map(Account::view).toList());
    }

    @Override
    public List<TransactionView> transactions(Predicate<TransactionView> filter, int limit) {
        return locked(() -> {
            List<TransactionView> out = new ArrayList<>();
            Iterator<Entry> it = journal.newestFirst();
            while (it.hasNext() && out.size() < limit) {
                TransactionView v = it.next().view();
                if (filter.test(v)) {
                    out.add(v);
                }
            }
            return out;
        });
    }

    @Override
    public void totals(Tally tally) {
        locked(() -> {
            journal.totals(tally);
            return null;
        });
    }

    @Override
    public int journalSize() {
        return locked(journal::size);
    }

    // ---- used by Book, always under the lock ----

    AccountRecord openAccount(String pan) {
        AccountRecord a = accounts.get(pan);
        if (a == null && config.autoCreate()) {
            a = new AccountRecord(pan, config.openingBalance(), config.currency());
            accounts.put(pan, a);
        }
        return a;
    }

    long nextId() {
        return nextId++;
    }

    long now() {
        return clock.millis();
    }

    /** A 12-digit retrieval reference number, unique for this run. */
    long nextRrn() {
        return nextRrn++;
    }

    /** A 6-digit approval code, as a number. */
    int nextAuthCode() {
        return (int) (nextAuth++ % 1_000_000);
    }
}
