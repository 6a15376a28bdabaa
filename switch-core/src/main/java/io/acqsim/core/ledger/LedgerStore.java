package io.acqsim.core.ledger;

import io.acqsim.core.routing.TxType;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Where accounts, holds and the journal live: the seam between the flows (which decide) and a
 * store (which keeps). {@link MemoryLedger} is the default; a PostgreSQL store implements the same
 * contract so that several nodes share one bank (PROTOCOL.md §11).
 *
 * <p>The contract of a unit of work ({@link #apply}, {@link #submit}):
 * <ul>
 *   <li><b>Serialized per key.</b> Two units that touch the same account, trace key, reference or
 *       batch never interleave: one sees all or none of the other's changes. Units that share
 *       nothing may run at the same time (the memory store uses striped locks, a database store row
 *       locks and unique keys).</li>
 *   <li><b>Re-runnable.</b> A store may abort a unit and run it again from the start, with nothing
 *       of the aborted run applied (a lock it found it needs, a serialization failure, a deadlock
 *       victim). A unit therefore has no effect outside its {@link Book}: no I/O, no counters, no
 *       replies; what it returns is its only output.</li>
 *   <li><b>Durable before answered.</b> The result is handed back only once the unit's changes are
 *       applied (memory) or committed (database). If the unit cannot be applied (store down), the
 *       result fails and nothing was applied: the caller answers {@code 96}.</li>
 *   <li><b>No thread assumptions.</b> A unit may run on any thread; it must not touch the event
 *       loop's state. {@link #apply} may wait (a database store's I/O, a memory stripe another thread
 *       holds): never call it on an event loop. There, call {@link #tryApply} and, when that gives
 *       up, {@link #defer}.</li>
 * </ul>
 * The admin methods below are called from the admin thread and may block briefly; none of them
 * walks the journal except {@link #transactions} (bounded by its limit and the retention).
 */
public interface LedgerStore extends AutoCloseable {
    /** Runs {@code work} as one unit of work and returns its result once applied (see above). */
    <T> T apply(UnitOfWork<T> work);

    /**
     * Runs {@code work} as one unit of work; the stage completes once its changes are applied or
     * committed, possibly on another thread. The memory store completes it before returning.
     */
    default <T> CompletionStage<T> submit(UnitOfWork<T> work) {
        try {
            return CompletableFuture.completedFuture(apply(work));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * What a store may know of a unit before it runs it: the message's dialect, terminal and
     * merchant (units of one terminal are run in the order submitted, others may run beside them)
     * and the card it names (a database store locks the cards of a group in one query). Any may be
     * null; a hint never changes what the unit does.
     */
    record Hint(String dialect, String terminal, String merchant, String pan) {
    }

    /** As {@link #submit(UnitOfWork)}, with a {@link Hint} about the unit. */
    default <T> CompletionStage<T> submit(Hint hint, UnitOfWork<T> work) {
        return submit(work);
    }

    /**
     * Runs {@code work} at once on an event loop if it can without waiting for another thread, and
     * returns its result; returns null, with nothing applied, when it would have to wait (a stripe
     * another thread holds, an earlier unit this thread {@link #defer deferred} still waiting, or a
     * {@link #blocking} store's I/O): then the caller {@link #defer defers} it. A unit run this way
     * must not return null.
     */
    default <T> T tryApply(UnitOfWork<T> work) {
        return blocking() ? null : apply(work);
    }

    /**
     * Runs {@code work} without the caller waiting and hands its result or its error to
     * {@code later}, run on {@code loop} (the caller's own event loop). A blocking store runs it on
     * its own worker ({@link #submit(Hint, UnitOfWork)}); the memory store tries it again in later
     * tasks of {@code loop}, after every unit this thread deferred before it.
     */
    default <T> void defer(Hint hint, UnitOfWork<T> work, Executor loop,
                           BiConsumer<? super T, ? super Throwable> later) {
        submit(hint, work).whenComplete((result, error) -> {
            try {
                loop.execute(() -> later.accept(result, error));
            } catch (RejectedExecutionException stopping) {
                // the event loop stopped before the reply could be sent: the connection is gone with it
            }
        });
    }

    /** How many units were {@link #defer deferred} because what they needed was taken (for the metrics). */
    default long deferredUnits() {
        return 0;
    }

    /** Whether {@link #apply} may wait on I/O or another process (then never call it on an event loop). */
    default boolean blocking() {
        return false;
    }

    // ---- admin ----

    Optional<Account.AccountView> find(String pan);

    /**
     * Creates or replaces an account; the holds of an existing one are kept. The balance must be
     * within {@link Money#MAX_BALANCE} (the admin API checks first; a store refuses it with
     * {@link IllegalArgumentException}). {@code currency} null means the configured default.
     */
    Account.AccountView put(String pan, long balance, String currency);

    List<Account.AccountView> accounts();

    /** Journal entries matching {@code filter}, newest first, at most {@code limit}. */
    List<TransactionView> transactions(Predicate<TransactionView> filter, int limit);

    /** Ledger and journal back to the fixtures; RRNs keep counting so they stay unique per run. */
    void reset();

    /** Number of transactions the journal holds now. */
    int journalSize();

    /** What {@link #totals} shows: one row per (type, state) pair with at least one transaction. */
    @FunctionalInterface
    interface Tally {
        void add(TxType type, TxState state, long count, long amount);
    }

    /**
     * Count and sum of amounts of the retained journal's transactions by type and current state,
     * kept as transactions change (never summed over the journal at read time).
     */
    void totals(Tally tally);

    @Override
    default void close() {
    }
}
