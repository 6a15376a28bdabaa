package io.acqsim.core.ledger.pg;

import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.config.LedgerConfig;
import io.acqsim.core.ledger.Account;
import io.acqsim.core.ledger.AccountFixture;
import io.acqsim.core.ledger.Digits;
import io.acqsim.core.ledger.LedgerStore.Hint;
import io.acqsim.core.ledger.LedgerStore;
import io.acqsim.core.ledger.LedgerUnavailableException;
import io.acqsim.core.ledger.Money;
import io.acqsim.core.ledger.TransactionView;
import io.acqsim.core.ledger.TxState;
import io.acqsim.core.ledger.UnitOfWork;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.acqsim.core.pg.PgDatabase;
import io.acqsim.core.routing.TxType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger in PostgreSQL ({@code ledger.store: postgresql}): several acqsim nodes share one bank
 * (PROTOCOL.md §11).
 *
 * <p>Units of work are queued to a commit worker ({@code ledger.postgresql.workers} per node, a
 * terminal's units always to the same one), never run on an event loop. A worker takes every
 * unit waiting for it (up to {@code maxBatch}) as one group, runs them in arrival order
 * on one database transaction through a {@link PgBook} (which locks what each unit looks up), writes
 * their changes in a few batched statements and commits once: a group commit, so a node is not
 * bound to one round trip and one disk flush per sale. Only after the commit does any unit's stage
 * complete, so a response never announces something the database does not hold.
 *
 * <p>Failures: a unit that throws is taken out and the rest of its group runs again from scratch
 * (nothing of the first run is kept); a deadlock or serialization failure against another node runs
 * the whole group again; a database that cannot be reached fails the group's units with
 * {@link LedgerUnavailableException} (nothing applied: {@code 96}); a commit whose answer is lost
 * fails them with {@link LedgerUnavailableException#outcomeUnknown()} (no response, like a lost one).
 */
public final class PgLedger implements LedgerStore {
    private static final Logger log = LoggerFactory.getLogger(PgLedger.class);
    private static final int MAX_RETRIES = 20;
    private static final long RRN_SPAN = 10_000_000_000L;

    /** What a unit of work waits for: its result once committed. */
    private record Job<T>(Hint hint, UnitOfWork<T> work, CompletableFuture<T> result) {
    }

    private final PgDatabase db;
    private final AccountsConfig accounts;
    private final List<AccountFixture> fixtures;
    private final Clock clock;
    private final int node;
    private final int maxBatch;
    private final int retention;
    private final Lane[] lanes;
    private final Meters meters;
    private volatile boolean closed;

    /** Meters of the commit worker (names declared in AcqsimMetrics). */
    public record Meters(Timer commitLatency, DistributionSummary groupSize, Counter retries, Counter unavailable,
                         Counter outcomeUnknown) {
        static Meters on(MeterRegistry r) {
            return new Meters(Timer.builder(AcqsimMetrics.LEDGER_COMMIT_LATENCY)
                            .description("COMMIT of one group of units of work").publishPercentiles(0.5, 0.99, 0.999)
                            .register(r),
                    DistributionSummary.builder(AcqsimMetrics.LEDGER_COMMIT_UNITS)
                            .description("units of work (messages) per group commit").publishPercentiles(0.5, 0.99)
                            .register(r),
                    Counter.builder(AcqsimMetrics.LEDGER_COMMIT_RETRIES)
                            .description("group commits run again after a deadlock or serialization failure").register(r),
                    Counter.builder(AcqsimMetrics.LEDGER_COMMIT_FAILURES).tag("outcome", "not_applied")
                            .description("units the database could not take").register(r),
                    Counter.builder(AcqsimMetrics.LEDGER_COMMIT_FAILURES).tag("outcome", "unknown")
                            .description("units the database could not take").register(r));
        }
    }

    private PgLedger(PgDatabase db, LedgerConfig ledger, AccountsConfig accounts, List<AccountFixture> fixtures,
                     Clock clock, Meters meters) {
        this.db = db;
        this.accounts = accounts;
        this.fixtures = List.copyOf(fixtures);
        this.clock = clock;
        this.node = ledger.nodeOrDefault();
        this.maxBatch = ledger.postgresql().maxBatch();
        this.retention = ledger.retention();
        this.meters = meters;
        this.lanes = new Lane[ledger.postgresql().workers()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(i);
        }
    }

    /**
     * Connects, migrates the schema (refusing a newer one), opens the fixtures' accounts that do
     * not exist yet, and starts the commit worker. Throws a {@link io.acqsim.core.config.ConfigException}
     * naming the key when the database cannot be used.
     *
     * @param registry where the pool and the commits are metered, or null
     */
    public static PgLedger open(LedgerConfig ledger, AccountsConfig accounts, List<AccountFixture> fixtures, Clock clock,
                                MeterRegistry registry) {
        PgDatabase db = PgDatabase.connect(ledger.postgresql(), "acqsim-node-" + ledger.nodeOrDefault(), registry);
        try {
            int applied = db.migrate();
            PgLedger store = new PgLedger(db, ledger, accounts, fixtures, clock,
                    Meters.on(registry != null ? registry : new SimpleMeterRegistry()));
            store.announce(applied);
            store.openFixtures();
            for (Lane lane : store.lanes) {
                lane.thread.start();
            }
            return store;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private void announce(int applied) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO nodes (node,"
                + " started_at, version) VALUES (?, ?, ?) ON CONFLICT (node) DO UPDATE SET started_at = EXCLUDED.started_at,"
                + " version = EXCLUDED.version")) {
            ps.setInt(1, node);
            ps.setLong(2, clock.millis());
            String v = PgLedger.class.getPackage().getImplementationVersion();
            ps.setString(3, v == null ? "dev" : v);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e, false);
        }
        log.info("ledger in PostgreSQL {} as node {} ({}{})", db.url(), node, db.status().describe(),
                applied > 0 ? ", " + applied + " migration(s) applied now" : "");
    }

    private void openFixtures() {
        try (Connection c = db.connection()) {
            insertFixtures(c);
        } catch (SQLException e) {
            throw unavailable(e, false);
        }
    }

    private void insertFixtures(Connection c) throws SQLException {
        if (fixtures.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (pan, balance, holds, currency)"
                + " VALUES (?, ?, 0, ?) ON CONFLICT (pan) DO NOTHING")) {
            for (AccountFixture f : fixtures) {
                ps.setString(1, f.pan());
                ps.setLong(2, f.balance());
                ps.setString(3, f.currency() == null ? accounts.currency() : f.currency());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public int node() {
        return node;
    }

    /** The database (pool and schema), for metrics and tests. */
    public PgDatabase database() {
        return db;
    }

    // ---- used by PgBook, on the worker thread ----

    boolean autoCreate() {
        return accounts.autoCreate();
    }

    long openingBalance() {
        return accounts.openingBalance();
    }

    String currency() {
        return accounts.currency();
    }

    long now() {
        return clock.millis();
    }

    /**
     * One commit worker: its queue, its thread, and its blocks of sequence values. Units with the
     * same affinity (a terminal) always go to the same lane, so they run in the order they came.
     */
    final class Lane {
        private final LinkedBlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
        private final Thread thread;
        private final Block ids = new Block("transaction_ids");
        private final Block rrns = new Block("rrn_numbers");
        private final Block authCodes = new Block("auth_codes");

        Lane(int index) {
            thread = new Thread(() -> work(this), "acqsim-ledger-commit-" + index);
            thread.setDaemon(true);
        }

        long nextId(Connection c) {
            return ids.next(c);
        }

        /** Twelve digits: the node's two, then ten of a sequence shared by the nodes. */
        String nextRrn(Connection c) {
            return Digits.pad(node * RRN_SPAN + rrns.next(c) % RRN_SPAN, 12);
        }

        int nextAuthCode(Connection c) {
            return (int) (authCodes.next(c) % 1_000_000);
        }
    }

    /** Values of a sequence that counts in steps of 64: one {@code nextval} is 64 values for this node. */
    private static final class Block {
        private static final int SIZE = 64;
        private final String sequence;
        private long next;
        private long end;

        Block(String sequence) {
            this.sequence = sequence;
        }

        long next(Connection c) {
            if (next >= end) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT nextval('" + sequence + "')")) {
                    rs.next();
                    next = rs.getLong(1);
                    end = next + SIZE;
                } catch (SQLException e) {
                    throw new PgStoreException(e);
                }
            }
            return next++;
        }
    }

    // ---- units of work ----

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public <T> T apply(UnitOfWork<T> work) {
        try {
            return submit(work).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @Override
    public <T> CompletionStage<T> submit(UnitOfWork<T> work) {
        return submit((Hint) null, work);
    }

    /**
     * Units of one terminal run in the order submitted, on the same worker; the hint's card is
     * locked with the group's others in one query before the group's units run.
     */
    @Override
    public <T> CompletionStage<T> submit(Hint hint, UnitOfWork<T> work) {
        String affinity = hint == null ? null : hint.terminal();
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new LedgerUnavailableException("the ledger is closed", null, false));
            return result;
        }
        Lane lane = lanes[affinity == null ? 0 : Math.floorMod(affinity.hashCode(), lanes.length)];
        lane.queue.add(new Job<>(hint, work, result));
        return result;
    }

    private void work(Lane lane) {
        LinkedBlockingQueue<Job<?>> queue = lane.queue;
        List<Job<?>> group = new ArrayList<>(maxBatch);
        while (true) {
            Job<?> first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                if (closed) {
                    break;
                }
                continue;
            }
            group.add(first);
            queue.drainTo(group, maxBatch - 1);
            try {
                commit(lane, group);
            } catch (RuntimeException | Error e) {
                log.error("ledger commit worker: unexpected {}", e.toString(), e);
                for (Job<?> j : group) {
                    j.result().completeExceptionally(e);
                }
            }
            group.clear();
        }
        Job<?> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new LedgerUnavailableException("the ledger is closed", null, false));
        }
    }

    /** Runs one group on one database transaction and completes its units' stages after the commit. */
    private void commit(Lane lane, List<Job<?>> group) {
        int n = group.size();
        Object[] results = new Object[n];
        RuntimeException[] failures = new RuntimeException[n];
        int attempt = 0;
        while (true) {
            Connection c;
            try {
                c = db.connection();
            } catch (SQLException e) {
                finish(group, results, failures, unavailable(e, false));
                return;
            }
            try {
                c.setAutoCommit(false);
                PgBook book = runAll(lane, c, group, results, failures);
                book.flush();
                book.writeTotals();
                long start = System.nanoTime();
                try {
                    c.commit();
                } catch (SQLException e) {
                    log.warn("ledger: the commit of {} unit(s) got no answer ({}); they may or may not be applied,"
                            + " and are not answered", n, e.getMessage());
                    meters.outcomeUnknown().increment(n);
                    finish(group, results, failures, unavailable(e, true));
                    closeQuietly(c);
                    return;
                }
                meters.commitLatency().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                meters.groupSize().record(n);
                closeQuietly(c);
                finish(group, results, failures, null);
                return;
            } catch (PgStoreException | SQLException e) {
                SQLException sql = e instanceof PgStoreException p ? p.sql() : (SQLException) e;
                rollbackQuietly(c);
                closeQuietly(c);
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                boolean conflict = state.equals("40P01") || state.equals("40001") || state.equals("55P03");
                boolean connection = state.startsWith("08") || state.startsWith("57P");
                if ((conflict && attempt < MAX_RETRIES) || (connection && attempt < 2)) {
                    attempt++;
                    meters.retries().increment();
                    log.debug("ledger: group of {} runs again after {} ({})", n, state, sql.getMessage());
                    continue;
                }
                log.warn("ledger: {} unit(s) not applied: {} ({})", n, sql.getMessage(), state);
                finish(group, results, failures, unavailable(sql, false));
                return;
            }
        }
    }

    /**
     * Runs the group's units in order on one book; a unit that throws is marked failed, the
     * transaction rolled back and the others run again on a fresh book.
     */
    private PgBook runAll(Lane lane, Connection c, List<Job<?>> group, Object[] results, RuntimeException[] failures)
            throws SQLException {
        List<Hint> hints = new ArrayList<>(group.size());
        for (Job<?> j : group) {
            if (j.hint() != null) {
                hints.add(j.hint());
            }
        }
        while (true) {
            PgBook book = new PgBook(this, lane, c);
            book.prefetch(hints);
            boolean again = false;
            for (int i = 0; i < group.size(); i++) {
                if (failures[i] != null) {
                    continue;
                }
                try {
                    results[i] = group.get(i).work().run(book);
                } catch (PgStoreException e) {
                    throw e;
                } catch (RuntimeException e) {
                    failures[i] = e;
                    c.rollback();
                    again = true;
                    break;
                }
            }
            if (!again) {
                return book;
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void finish(List<Job<?>> group, Object[] results, RuntimeException[] failures, RuntimeException all) {
        meters.unavailable().increment(all != null && !(all instanceof LedgerUnavailableException u && u.outcomeUnknown())
                ? countUnfailed(failures) : 0);
        for (int i = 0; i < group.size(); i++) {
            CompletableFuture f = group.get(i).result();
            if (failures[i] != null) {
                f.completeExceptionally(failures[i]);
            } else if (all != null) {
                f.completeExceptionally(all);
            } else {
                f.complete(results[i]);
            }
        }
    }

    private static int countUnfailed(RuntimeException[] failures) {
        int n = 0;
        for (RuntimeException f : failures) {
            if (f == null) {
                n++;
            }
        }
        return n;
    }

    private LedgerUnavailableException unavailable(SQLException e, boolean outcomeUnknown) {
        return new LedgerUnavailableException("ledger database " + db.url() + ": " + e.getMessage(), e, outcomeUnknown);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; so is its transaction
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // returned to the pool or evicted: nothing to do
        }
    }

    // ---- admin ----

    @Override
    public Optional<Account.AccountView> find(String pan) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT balance, holds, currency FROM accounts WHERE pan = ?")) {
            ps.setString(1, pan);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(view(pan, rs.getLong(1), rs.getLong(2), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e, false);
        }
    }

    private static Account.AccountView view(String pan, long balance, long holds, String currency) {
        return new Account.AccountView(pan, balance, balance - holds, holds, currency);
    }

    @Override
    public Account.AccountView put(String pan, long balance, String currency) {
        if (!Money.isBalance(balance)) {
            throw new IllegalArgumentException("balance " + balance + " is outside ±" + Money.MAX_BALANCE);
        }
        String cur = currency == null ? accounts.currency() : currency;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (pan, balance,"
                + " holds, currency) VALUES (?, ?, 0, ?) ON CONFLICT (pan) DO UPDATE SET balance = EXCLUDED.balance,"
                + " currency = EXCLUDED.currency RETURNING balance, holds, currency")) {
            ps.setString(1, pan);
            ps.setLong(2, balance);
            ps.setString(3, cur);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return view(pan, rs.getLong(1), rs.getLong(2), rs.getString(3));
            }
        } catch (SQLException e) {
            throw unavailable(e, false);
        }
    }

    @Override
    public List<Account.AccountView> accounts() {
        List<Account.AccountView> out = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pan, balance, holds, currency FROM accounts ORDER BY pan")) {
            while (rs.next()) {
                out.add(view(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw unavailable(e, false);
        }
        return out;
    }

    /**
     * Newest first; the filter sees each row with its original as {@code related}, and the rows
     * returned get the transactions that acted on them as well. Reads at most {@code ledger.retention}
     * rows, as the memory store keeps at most that many.
     */
    @Override
    public List<TransactionView> transactions(Predicate<TransactionView> filter, int limit) {
        List<TransactionView> matched = new ArrayList<>();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false); // a cursor: rows are fetched as they are read
            try (PreparedStatement ps = c.prepareStatement("SELECT id, node, type, mti, dialect, terminal, merchant, stan,"
                    + " rrn, auth_code, amount, effective, response_code, state, time, pan, batch, repeats, original_id"
                    + " FROM transactions ORDER BY time DESC, id DESC LIMIT ?")) {
                ps.setFetchSize(256);
                ps.setInt(1, retention);
                try (ResultSet rs = ps.executeQuery()) {
                    while (matched.size() < limit && rs.next()) {
                        long original = rs.getLong(19);
                        int auth = rs.getInt(10);
                        String authCode = rs.wasNull() ? null : Digits.pad(auth, 6);
                        TransactionView v = PgViews.view(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                                authCode, rs.getLong(11), rs.getLong(12), rs.getString(13), rs.getString(14),
                                rs.getLong(15), rs.getString(16), rs.getString(17), rs.getInt(18),
                                original == 0 ? List.of() : List.of(original));
                        if (filter.test(v)) {
                            matched.add(v);
                        }
                    }
                }
            }
            c.commit();
            return withChildren(c, matched);
        } catch (SQLException e) {
            throw unavailable(e, false);
        }
    }

    private static List<TransactionView> withChildren(Connection c, List<TransactionView> views) throws SQLException {
        if (views.isEmpty()) {
            return views;
        }
        Map<Long, List<Long>> children = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT original_id, id FROM transactions WHERE original_id = ANY (?)"
                + " ORDER BY time, id")) {
            ps.setArray(1, c.createArrayOf("bigint", views.stream().map(TransactionView::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    children.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        c.commit();
        List<TransactionView> out = new ArrayList<>(views.size());
        for (TransactionView v : views) {
            List<Long> kids = children.get(v.id());
            if (kids == null) {
                out.add(v);
                continue;
            }
            List<Long> related = new ArrayList<>(v.related());
            related.addAll(kids);
            out.add(PgViews.withRelated(v, related));
        }
        return out;
    }

    /**
     * Every node's ledger and journal back to the fixtures of this node: the ledger is shared, so
     * a reset on one node is a reset for all. RRNs keep counting.
     */
    @Override
    public void reset() {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE transactions, trace_keys, terminal_batches, settled_batches, ledger_totals");
                s.execute("DELETE FROM accounts");
            }
            insertFixtures(c);
            c.commit();
        } catch (SQLException e) {
            throw unavailable(e, false);
        }
    }

    @Override
    public int journalSize() {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(count), 0) FROM ledger_totals")) {
            rs.next();
            return (int) Math.min(Integer.MAX_VALUE, rs.getLong(1));
        } catch (SQLException e) {
            throw unavailable(e, false);
        }
    }

    /** The totals of every node's rows; nothing when the database cannot be read (see the pool's meters). */
    @Override
    public void totals(Tally tally) {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, state, sum(count), sum(amount) FROM ledger_totals"
                     + " GROUP BY type, state HAVING sum(count) <> 0")) {
            while (rs.next()) {
                tally.add(TxType.valueOf(rs.getString(1)), TxState.valueOf(rs.getString(2)), rs.getLong(3),
                        rs.getLong(4));
            }
        } catch (SQLException e) {
            // A scrape while the database is away shows no ledger totals rather than failing /metrics,
            // whose pool and commit meters are what tell the outage.
            log.debug("ledger totals not read: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            for (Lane lane : lanes) {
                lane.thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
