package io.acqsim.core.ledger;

import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.routing.TxType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Accounts and the transaction journal. Every change happens inside {@link #locked}, so messages
 * are applied one at a time whatever connection or thread they come from: an effect is either
 * applied whole or not at all. The work under the lock is a few map look-ups and additions.
 */
public final class Ledger {
    private final ReentrantLock lock = new ReentrantLock();
    private final AccountsConfig config;
    private final Clock clock;
    private final Map<String, AccountFixture> fixtures;
    private final Map<String, Account> accounts = new HashMap<>();
    private final List<Transaction> journal = new ArrayList<>();
    private long nextId = 1;
    private long nextRrn = 1;
    private long nextAuth = 1;
    private final Book book = new Book(this);

    /** An account as the fixtures file or {@code PUT /accounts} gives it. */
    public record AccountFixture(String pan, long balance, String currency) {
    }

    public Ledger(AccountsConfig config, List<AccountFixture> fixtures, Clock clock) {
        this.config = config;
        this.clock = clock;
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

    /** The account for a PAN, opened with the default balance if auto-create is on; null if unknown. */
    Account openAccount(String pan) {
        Account a = accounts.get(pan);
        if (a == null && config.autoCreate()) {
            a = new Account(pan, config.openingBalance(), config.currency());
            accounts.put(pan, a);
        }
        return a;
    }

    public Optional<Account.AccountView> find(String pan) {
        return locked(() -> Optional.ofNullable(accounts.get(pan)).map(Account::view));
    }

    /** Creates or replaces an account; its holds are kept if it existed. */
    public Account.AccountView put(String pan, long balance, String currency) {
        return locked(() -> {
            Account old = accounts.get(pan);
            Account a = new Account(pan, balance, currency == null ? config.currency() : currency);
            if (old != null) {
                a.hold(old.holds());
            }
            accounts.put(pan, a);
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
            for (int i = journal.size() - 1; i >= 0 && out.size() < limit; i--) {
                TransactionView v = journal.get(i).view();
                if (filter.test(v)) {
                    out.add(v);
                }
            }
            return out;
        });
    }

    // ---- used by Book, always under the lock ----

    Transaction record(TxType type, String mti, String dialect, String terminal, String merchant, String stan,
                       String batch, Account account, long amount) {
        Transaction t = new Transaction(nextId++, type, mti, dialect, terminal, merchant, stan, batch, account,
                amount, clock.millis());
        journal.add(t);
        return t;
    }

    /** A 12-digit retrieval reference number, unique for this run. */
    String nextRrn() {
        return String.format("%012d", nextRrn++);
    }

    /** A 6-digit approval code. */
    String nextAuthCode() {
        return String.format("%06d", nextAuth++ % 1_000_000);
    }
}
