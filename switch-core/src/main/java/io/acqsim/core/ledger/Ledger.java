package io.acqsim.core.ledger;

import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.routing.TxType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Accounts and the transaction journal. Every change happens inside {@link #apply}, so messages
 * are applied one at a time whatever connection or thread they come from: an effect is applied
 * whole or not at all, and a reversal that arrives while its original is being processed waits
 * for it. The work under the lock is a few map look-ups and additions, bounded and short.
 */
public final class Ledger {
    private final ReentrantLock lock = new ReentrantLock();
    private final AccountsConfig config;
    private final Clock clock;
    private final Map<String, AccountFixture> fixtures;
    private final Map<String, Account> accounts = new HashMap<>();
    private final Journal journal;
    private final Book book;
    private long nextId = 1;
    private long nextRrn = 1;
    private long nextAuth = 1;

    /** An account as the fixtures file or {@code PUT /accounts} gives it. */
    public record AccountFixture(String pan, long balance, String currency) {
    }

    public Ledger(AccountsConfig config, List<AccountFixture> fixtures, Clock clock) {
        this(config, fixtures, clock, 1_000_000);
    }

    /**
     * @param retention how many transactions the journal keeps; the oldest are forgotten beyond
     *                  it (a reversal of a forgotten original is treated as unknown)
     */
    public Ledger(AccountsConfig config, List<AccountFixture> fixtures, Clock clock, int retention) {
        this.config = config;
        this.clock = clock;
        this.journal = new Journal(retention);
        this.book = new Book(this, journal);
        this.fixtures = new LinkedHashMap<>();
        for (AccountFixture f : fixtures) {
            this.fixtures.put(f.pan(), f);
        }
        reset();
    }

    /**
     * Runs {@code work} with the ledger to itself. The {@link Book} it gets is the only way to
     * change accounts and journal, and is valid only inside {@code work}.
     */
    public <T> T apply(Function<Book, T> work) {
        lock.lock();
        try {
            return work.apply(book);
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

    /** Ledger and journal back to the fixtures; RRNs keep counting so they stay unique per run. */
    public void reset() {
        locked(() -> {
            accounts.clear();
            journal.clear();
            for (AccountFixture f : fixtures.values()) {
                accounts.put(f.pan(), new Account(f.pan(), f.balance(), f.currency()));
            }
            return null;
        });
    }

    public Optional<Account.AccountView> find(String pan) {
        return locked(() -> Optional.ofNullable(accounts.get(pan)).map(Account::view));
    }

    /** Creates or replaces an account; the holds of an existing one are kept. */
    public Account.AccountView put(String pan, long balance, String currency) {
        return locked(() -> {
            Account a = accounts.get(pan);
            if (a == null) {
                a = new Account(pan, balance, currency == null ? config.currency() : currency);
                accounts.put(pan, a);
            } else {
                a.replace(balance, currency == null ? config.currency() : currency);
            }
            return a.view();
        });
    }

    public List<Account.AccountView> accounts() {
        return locked(() -> accounts.values().stream().map(Account::view).toList());
    }

    /** Journal entries matching {@code filter}, newest first, at most {@code limit}. */
    public List<TransactionView> transactions(Predicate<TransactionView> filter, int limit) {
        return locked(() -> {
            List<TransactionView> out = new ArrayList<>();
            Iterator<Transaction> it = journal.newestFirst();
            while (it.hasNext() && out.size() < limit) {
                TransactionView v = it.next().view();
                if (filter.test(v)) {
                    out.add(v);
                }
            }
            return out;
        });
    }

    /** What {@link #tally} shows of each journaled transaction. */
    @FunctionalInterface
    public interface Tally {
        void add(TxType type, TxState state, long amount);
    }

    /**
     * Shows every journaled transaction's type, state and amount to {@code tally}, under the lock
     * and without copying anything: the metrics read ledger totals this way at each scrape.
     */
    public void tally(Tally tally) {
        locked(() -> {
            Iterator<Transaction> it = journal.newestFirst();
            while (it.hasNext()) {
                Transaction t = it.next();
                tally.add(t.type(), t.state(), t.amount());
            }
            return null;
        });
    }

    /** Number of transactions the journal holds now. */
    public int journalSize() {
        return locked(journal::size);
    }

    // ---- used by Book, always under the lock ----

    Account openAccount(String pan) {
        Account a = accounts.get(pan);
        if (a == null && config.autoCreate()) {
            a = new Account(pan, config.openingBalance(), config.currency());
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
