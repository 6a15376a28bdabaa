package io.acqsim.core.ledger;

import io.acqsim.core.reversal.CupTraceKey;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.reversal.Stan;
import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.agrona.collections.LongArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory store's {@link Book}: one per thread, running one unit of work at a time under the
 * lock stripes it needs ({@link Stripes}). Look-ups take the stripes of what they find (the
 * row's terminal, its account's PAN, and those of the originals it acts on, which a posting may
 * change); a stripe above every one held is waited for, a lower one only tried, and when it is
 * busy the unit is abandoned and run again from the start with that stripe taken first, so locks
 * are always waited for in ascending order and no two units deadlock. A unit changes nothing
 * before its look-ups are done ({@link Book}'s contract), so abandoning it leaves nothing behind;
 * a unit that fails after recording has its rows taken out again ({@link #rollBack}).
 *
 * <p>That waiting is for the threads that may wait ({@link #run}: admin, journal, tests). An event
 * loop never waits ({@link #tryRun}): it only tries each stripe, and a unit that finds one taken is
 * abandoned the same way and queued on this book ({@link #defer}), to be tried again in a later
 * task of the same loop, in the order the units came.
 *
 * <p>Every posting checks first (transitions, then the money range) and changes second.
 */
final class MemoryBook implements Book {
    /** Thrown to abandon a unit that needs a busy stripe below one it holds; carries no stack. */
    private static final class Restart extends RuntimeException {
        Restart() {
            super("restart", null, false, false);
        }
    }

    private static final Restart RESTART = new Restart();
    /** What {@link #execute} returns when a stripe it only tried was taken: nothing was applied. */
    private static final Object BUSY = new Object();
    private static final Logger log = LoggerFactory.getLogger(MemoryBook.class);
    private static final long AUTH_CODES = 1_000_000;

    private final MemoryLedger ledger;
    private final Stripe[] stripes;
    /** Rows recorded by the unit now running, oldest first. */
    private final List<Row> recorded = new ArrayList<>();
    private boolean running;
    /** Whether the unit now running may wait for a stripe (off the event loops), or only try it. */
    private boolean patient;
    /** Units this thread could not run at once, oldest first (see {@link #defer}). */
    private final ArrayDeque<Deferred<?>> deferred = new ArrayDeque<>();
    private Executor deferredOn;
    private boolean drainScheduled;
    private final Runnable drain = this::drain;
    private final Thread owner = Thread.currentThread();
    /** The stripes held now, one bit each. */
    private long held;
    /** The stripe whose absence abandoned the last run. */
    private int missing;
    /** Whether the unit has changed anything yet: after that it may take no new stripe. */
    private boolean changed;
    private Journal journal;
    /** The ids this book has taken from the ledger's counter and not used yet: [{@code nextOwn}, {@code ownEnd}). */
    private long nextOwn;
    private long ownEnd;
    /** Handles on the rows a record forgets (its own rows leaving the retention, the one its slot held). */
    private final Row leavingRow;
    private final Row leavingRow2;
    private final Row overwrittenRow;
    /** The first id of each block this book took, oldest first: its own rows, which it forgets itself. */
    private final LongArrayQueue blocks = new LongArrayQueue(Long.MIN_VALUE);
    /** The journal those blocks were taken for (a reset starts a new one). */
    private Journal blocksOf;
    /** The next id of the oldest block to forget. */
    private long forgetFrom;
    /** Site numbers of recent (dialect, terminal, merchant), by the terminal's hash: no look-up object per record. */
    private final Site[] recentSites = new Site[64];
    private final int[] recentSiteNumbers = new int[64];
    /** Where {@link #site} left the last site's number. */
    private int siteSlot;

    /** This book's home group of stripes (see {@link Stripes.Affinity}). */
    private final int home;

    MemoryBook(MemoryLedger ledger, int home) {
        this.ledger = ledger;
        this.home = home;
        this.stripes = ledger.stripes;
        this.leavingRow = new Row(ledger, null, 0, 0);
        this.leavingRow2 = new Row(ledger, null, 0, 0);
        this.overwrittenRow = new Row(ledger, null, 0, 0);
    }

    <T> T run(UnitOfWork<T> work) {
        @SuppressWarnings("unchecked")
        T result = (T) execute(work, true);
        return result;
    }

    /**
     * Runs {@code work} now if every stripe it needs is free and no unit this thread deferred is
     * still waiting; otherwise returns null with nothing applied. Never waits for a lock.
     */
    <T> T tryRun(UnitOfWork<T> work) {
        if (!deferred.isEmpty()) {
            return null;
        }
        Object r = execute(work, false);
        if (r == BUSY) {
            return null;
        }
        @SuppressWarnings("unchecked")
        T result = (T) r;
        return result;
    }

    /**
     * Runs {@code work} later on {@code loop} (this thread's own event loop), after every unit this
     * thread deferred before it, and hands its result or its error to {@code later} there. Each try
     * takes its stripes without waiting; a try that finds one busy leaves the unit at the head of the
     * queue and tries again in a later task of the loop, so the loop serves its other connections
     * meanwhile and the units of each terminal keep the order they came in.
     */
    <T> void defer(UnitOfWork<T> work, Executor loop, BiConsumer<? super T, ? super Throwable> later) {
        deferred.addLast(new Deferred<>(work, later));
        ledger.deferred.increment();
        deferredOn = loop;
        if (!drainScheduled) {
            drainScheduled = true;
            loop.execute(drain);
        }
    }

    /** Runs the deferred units in order until one finds a stripe busy (then again in a later task). */
    private void drain() {
        drainScheduled = false;
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("deferred units run on the thread that deferred them, not "
                    + Thread.currentThread().getName());
        }
        while (!deferred.isEmpty()) {
            Deferred<?> d = deferred.peekFirst();
            Object r;
            try {
                r = execute(d.work, false);
            } catch (RuntimeException | Error e) {
                deferred.pollFirst();
                d.fail(e);
                continue;
            }
            if (r == BUSY) {
                drainScheduled = true;
                deferredOn.execute(drain);
                return;
            }
            deferred.pollFirst();
            d.complete(r);
        }
    }

    /** A unit waiting for its stripes, and who gets its result. */
    private record Deferred<T>(UnitOfWork<T> work, BiConsumer<? super T, ? super Throwable> later) {
        @SuppressWarnings("unchecked")
        void complete(Object result) {
            hand((T) result, null);
        }

        void fail(Throwable error) {
            hand(null, error);
        }

        private void hand(T result, Throwable error) {
            try {
                later.accept(result, error);
            } catch (RuntimeException e) {
                log.warn("a deferred ledger unit's reply failed", e);
            }
        }
    }

    /**
     * One unit: taking stripes as it finds it needs them, waiting for them when {@code wait} (in
     * ascending order), else only trying them and giving up with {@link #BUSY} when one is taken.
     */
    private Object execute(UnitOfWork<?> work, boolean wait) {
        if (running) {
            throw new IllegalStateException("a unit of work may not start another");
        }
        running = true;
        patient = wait;
        long want = 0;
        try {
            while (true) {
                if (!acquire(want)) {
                    return BUSY;
                }
                journal = ledger.journal;
                changed = false;
                recorded.clear();
                try {
                    return work.run(this);
                } catch (Restart r) {
                    want = held | 1L << missing;
                } catch (RuntimeException | Error e) {
                    rollBack();
                    throw e;
                } finally {
                    releaseAll();
                }
            }
        } finally {
            running = false;
        }
    }

    /**
     * Takes the stripes in {@code want}, lowest first (waiting is safe in ascending order); without
     * {@link #patient}, only tries them, and on the first one taken lets go of all and returns false.
     */
    private boolean acquire(long want) {
        held = 0;
        long w = want;
        while (w != 0) {
            int s = Long.numberOfTrailingZeros(w);
            if (patient) {
                stripes[s].lock.lock();
            } else if (!stripes[s].lock.tryLock()) {
                releaseAll();
                return false;
            }
            held |= 1L << s;
            w &= w - 1;
        }
        return true;
    }

    private void releaseAll() {
        long h = held;
        while (h != 0) {
            int s = 63 - Long.numberOfLeadingZeros(h);
            stripes[s].lock.unlock();
            h &= ~(1L << s);
        }
        held = 0;
    }

    /** Holds stripe {@code s} from now on, or abandons the run to take it in order. */
    private void need(int s) {
        long bit = 1L << s;
        if ((held & bit) != 0) {
            return;
        }
        if (changed) {
            throw new IllegalStateException("a unit of work needs stripe " + s + " after its first change");
        }
        boolean inOrder = held == 0 || s > 63 - Long.numberOfLeadingZeros(held);
        if (inOrder && patient) {
            stripes[s].lock.lock();
        } else if (!stripes[s].lock.tryLock()) {
            missing = s;
            throw RESTART;
        }
        if (held == 0) {
            journal = ledger.journal; // stable from now on: a reset takes every stripe
        }
        held |= bit;
    }

    /**
     * Holds the stripe of the row {@code r} names, checking after taking it that the slot still holds
     * that row (its stripe is read before the lock, so it is read again under it).
     *
     * @return false when the slot no longer holds the row
     */
    private boolean lock(Row r) {
        while (true) {
            if (r.c.idAt(r.i) != r.id) {
                return false;
            }
            int s = r.stripe();
            need(s);
            if (r.c.idAt(r.i) == r.id && r.stripe() == s) {
                return true;
            }
        }
    }

    /** Holds what a posting on {@code e} may change: its stripe, its card's, its originals' (two deep). */
    private Row hold(Row e) {
        Row x = e;
        for (int depth = 0; x != null && depth < 3; depth++) {
            if (!lock(x)) {
                break;
            }
            AccountRecord a = x.account();
            if (a != null) {
                need(a.stripe);
            }
            x = x.original();
        }
        return e;
    }

    private Stripe stripeOf(String terminal) {
        int s = ledger.terminalStripes.of(terminal, home);
        need(s);
        return stripes[s];
    }

    /** Takes out what the failed unit recorded: its rows leave the journal and every index. */
    void rollBack() {
        for (int k = recorded.size() - 1; k >= 0; k--) {
            Row e = recorded.get(k);
            Row original = e.original();
            if (original != null) {
                original.unlink(e.id);
            }
            if (!e.has(Row.EVICTED)) {
                forget(e);
            }
            e.c.release(e.i, e.id);
        }
        recorded.clear();
    }

    /** Takes a row out of its stripe's indexes and totals and marks it forgotten. */
    private void forget(Row e) {
        Stripe home = e.home();
        home.forget(e, journal);
        if (e.has(Row.RRN_INDEXED) && !e.has(Row.HOST_RRN)) {
            String text = e.rrn();
            if (text != null) {
                ledger.ownRrns.remove(text, e.id);
            }
        }
        if (e.has(Row.EXTRA)) {
            home.extras.remove(e.id);
        }
        e.set(Row.EVICTED);
    }

    private static Row row(Transaction t) {
        return (Row) t;
    }

    /** Takes a row's share out of the running totals before it changes ({@link #in} puts it back). */
    private static void out(Row t) {
        if (!t.has(Row.EVICTED)) { // forgotten while this unit used it (a retention smaller than a unit's reach)
            t.home().count(t, -1);
        }
    }

    /** Moves a row (when there is one) to {@code next}, keeping the running totals. */
    private static void moveCounted(Row t, TxState next) {
        if (t != null) {
            out(t);
            t.moveTo(next);
            in(t);
        }
    }

    private static void in(Row t) {
        if (!t.has(Row.EVICTED)) {
            t.home().count(t, +1);
        }
    }

    // ---- look-ups ----

    @Override
    public Account account(String pan) {
        if (pan == null) {
            return null;
        }
        need(ledger.panStripes.of(pan, home));
        return ledger.openAccount(pan);
    }

    @Override
    public Transaction byKey(TraceKey key) {
        if (key == null) {
            return null;
        }
        Row e = stripeOf(key.terminal()).rowOf(key, ledger, journal);
        return e == null ? null : hold(e);
    }

    @Override
    public Transaction reversalOf(TraceKey key) {
        if (key == null) {
            return null;
        }
        Long id = stripeOf(key.terminal()).reversalOf(key);
        Row e = id == null ? null : onFile(id);
        return e == null ? null : hold(e);
    }

    @Override
    public Transaction byRrn(String rrn) {
        if (rrn == null) {
            return null;
        }
        Long own = ledger.ownRrns.get(rrn);
        if (own != null) {
            Row e = onFile(own);
            if (e != null && e.has(Row.RRN_INDEXED) && !e.has(Row.HOST_RRN) && rrn.equals(e.rrn())) {
                return hold(e);
            }
        }
        long value = Digits.parse(rrn, 12);
        long id = value < 0 ? -1 : ledger.idOfHostRrn(value);
        if (id < 1) {
            return null;
        }
        Row e = onFile(id);
        return e != null && e.has(Row.RRN_INDEXED) && e.has(Row.HOST_RRN) ? hold(e) : null;
    }

    /** The row with this id if the journal still holds it, its stripe held; else null. */
    private Row onFile(long id) {
        if (id < 1 || id >= ledger.nextId.get()) {
            return null;
        }
        if (held == 0) {
            journal = ledger.journal;
        }
        int slot = journal.slot(id);
        Journal.Chunk c = journal.chunkIfPresent(slot);
        if (c == null) {
            return null;
        }
        Row e = new Row(ledger, c, slot, id);
        return lock(e) && !e.has(Row.EVICTED) ? e : null;
    }

    @Override
    public Transaction byAuthCode(String pan, String authCode) {
        if (pan == null || authCode == null || authCode.length() != 6 || !authCode.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long code = Integer.parseInt(authCode);
        if (held == 0) {
            journal = ledger.journal;
        }
        long newest = ledger.nextId.get() - 1;
        // Approval codes are ids modulo 10^6: the candidates are the ids on file with that remainder.
        long id = newest - Math.floorMod(newest - code, AUTH_CODES);
        for (; id >= 1 && id > newest - journal.capacity; id -= AUTH_CODES) {
            Row e = onFile(id);
            if (e != null && e.has(Row.AUTH_INDEXED)) {
                AccountRecord a = e.account();
                if (a != null && pan.equals(a.pan())) {
                    return hold(e);
                }
            }
        }
        return null;
    }

    @Override
    public boolean isSettled(Transaction t) {
        Row e = row(t);
        String batch = e.batch();
        if (batch == null) {
            return false;
        }
        Site site = e.site();
        return e.home().isSettled(new Stripe.BatchRef(site.dialect(), site.terminal(), site.merchant(), batch));
    }

    @Override
    public String batchFor(String dialect, String terminal, String merchant, String terminalBatch) {
        Stripe s = stripeOf(terminal);
        return terminalBatch != null ? terminalBatch : s.isoBatch(site(dialect, terminal, merchant));
    }

    @Override
    public BatchTotals batchTotals(String dialect, String terminal, String merchant, String batch) {
        return stripeOf(terminal).batchTotals(new Stripe.BatchRef(dialect, terminal, merchant, batch),
                ledger.sites.find(new Site(dialect, terminal, merchant)));
    }

    // ---- journal rows ----

    @Override
    public Transaction record(TxType type, String mti, String dialect, String terminal, String merchant, String stan,
                              String batch, Account account, long amount, TraceKey key, String discriminator) {
        Site site = site(dialect, terminal, merchant);
        int siteNumber = recentSiteNumbers[siteSlot];
        int stripe = ledger.terminalStripes.of(terminal, home);
        need(stripe);
        AccountRecord acct = (AccountRecord) account;
        if (acct != null) {
            need(acct.stripe);
        }
        // Everything a row holds is worked out before its slot is claimed: nothing may fail in between.
        int stanNumber = Stan.parse(stan);
        String stanResidue = Stan.residue(stan, stanNumber);
        long mtiNumber = Digits.parse(mti, 4);
        long discNumber = Digits.parse(discriminator, 10);
        int disc = discNumber >= 0 && discNumber <= Integer.MAX_VALUE ? (int) discNumber : -1;
        long batchNumber = Digits.parse(batch, 6);
        boolean ownKey = key != null && isOwnKey(key, dialect, terminal, merchant, batch, stanNumber, stanResidue);
        Extra extra = null;
        if (stanResidue != null || mtiNumber < 0 || disc < 0 && discriminator != null || batchNumber < 0 && batch != null
                || siteNumber < 0 || key != null && !ownKey) {
            extra = new Extra();
            extra.stan = stanResidue;
            extra.mti = mtiNumber < 0 ? mti : null;
            extra.discriminator = disc < 0 ? discriminator : null;
            extra.batch = batchNumber < 0 ? batch : null;
            extra.site = siteNumber < 0 ? site : null;
            extra.key = ownKey ? null : key;
        }
        int meta = type.ordinal() | stripe << Row.STRIPE_SHIFT | (extra != null ? Row.EXTRA : 0)
                | (ownKey ? Row.KEY_OWN : 0) | (ownKey && key instanceof CupTraceKey ? Row.KEY_CUP : 0);
        long now = ledger.now();
        while (true) {
            long id = ownId();
            // This book's own rows that fall out of the retention now (at most two; any it leaves are
            // forgotten next time, or when their slot is taken), and the row whose slot this id takes
            // (long forgotten unless its book stopped recording): each under its own stripe.
            long threshold = id - ledger.retention();
            long head = blocks.isEmpty() ? Long.MIN_VALUE : blocks.peekLong();
            long cursor = Math.max(forgetFrom, head);
            Row gone = null;
            Row gone2 = null;
            if (head != Long.MIN_VALUE) {
                long end = Math.min(head + MemoryLedger.ID_BLOCK, threshold + 1);
                while (cursor < end && gone2 == null) {
                    Row r = present(cursor++, gone == null ? leavingRow : leavingRow2);
                    if (r != null && gone == null) {
                        gone = r;
                    } else if (r != null) {
                        gone2 = r;
                    }
                }
            }
            int slot = journal.slot(id);
            Journal.Chunk c = journal.chunk(slot);
            int i = Journal.index(slot);
            long occupant = c.idAt(i);
            Row over = occupant != 0 ? present(occupant, overwrittenRow) : null;
            nextOwn = id + 1;
            changed = true;
            forgetFrom = cursor;
            if (head != Long.MIN_VALUE && cursor >= head + MemoryLedger.ID_BLOCK) {
                blocks.pollLong();
            }
            if (gone != null && !gone.has(Row.EVICTED)) {
                forget(gone);
            }
            if (gone2 != null && !gone2.has(Row.EVICTED)) {
                forget(gone2);
            }
            if (over != null && !over.has(Row.EVICTED)) {
                forget(over);
            }
            if (!c.claim(i, occupant, -id)) {
                changed = false; // another unit lapped the journal into this slot (a tiny retention): next id
                continue;
            }
            c.time[i] = now;
            c.amount[i] = amount;
            c.effective[i] = 0;
            c.meta[i] = meta;
            c.mti[i] = (int) mtiNumber;
            c.site[i] = siteNumber;
            c.stan[i] = stanNumber;
            c.account[i] = acct == null ? -1 : acct.index;
            c.discriminator[i] = disc;
            c.batch[i] = (int) batchNumber;
            c.original[i] = 0;
            c.keyHash[i] = key == null ? 0 : key.hashCode();
            c.keyNext[i] = 0;
            c.publish(i, id);
            Stripe own = stripes[stripe];
            if (extra != null) {
                own.extras.put(id, extra);
            }
            own.size++;
            Row t = new Row(ledger, c, slot, id);
            recorded.add(t);
            return t;
        }
    }

    /**
     * The next id of this book's block, taking a new block from the ledger's counter when it is used
     * up or other books have gone far past it. Ids are taken {@link MemoryLedger#ID_BLOCK} at a time so
     * that two threads neither fight over the counter nor write neighbouring slots of the columns
     * (one thread's ids are one run of slots); ids of a block left unused are simply never journaled.
     */
    private long ownId() {
        if (blocksOf != journal) {
            blocks.clear();
            blocksOf = journal;
            forgetFrom = 0;
        }
        if (nextOwn == ownEnd || ledger.nextId.get() - nextOwn > MemoryLedger.ID_LAG) {
            nextOwn = ledger.nextId.getAndAdd(MemoryLedger.ID_BLOCK);
            ownEnd = nextOwn + MemoryLedger.ID_BLOCK;
            blocks.offerLong(nextOwn);
        }
        return nextOwn;
    }

    /**
     * The row with this id, its stripe held, if the journal holds it and has not forgotten it; else
     * null. The answer is {@code scratch} pointed at the row: good until the next call with it.
     */
    private Row present(long id, Row scratch) {
        int slot = journal.slot(id);
        Journal.Chunk c = journal.chunkIfPresent(slot);
        if (c == null) {
            return null;
        }
        Row r = scratch.moveTo(c, slot, id);
        if (c.idAt(r.i) != id || r.has(Row.EVICTED)) {
            return null; // forgotten already: the flag is set once under its stripe and never cleared while it holds the slot
        }
        return lock(r) && !r.has(Row.EVICTED) ? r : null;
    }

    /** The shared {@link Site} of these names, its number left in {@code recentSiteNumbers[siteSlot]}. */
    private Site site(String dialect, String terminal, String merchant) {
        int h = (terminal == null ? 0 : terminal.hashCode()) & 63;
        siteSlot = h;
        Site site = recentSites[h];
        if (site != null && Objects.equals(site.terminal(), terminal) && Objects.equals(site.merchant(), merchant)
                && Objects.equals(site.dialect(), dialect)) {
            return site;
        }
        site = new Site(dialect, terminal, merchant);
        recentSites[h] = site;
        recentSiteNumbers[h] = ledger.sites.of(site);
        return site;
    }

    /** Whether a key is made of the row's own fields, so that the row's columns can stand for it. */
    private static boolean isOwnKey(TraceKey key, String dialect, String terminal, String merchant, String batch,
                                    int stan, String stanResidue) {
        return key.stanNumber() == stan && Objects.equals(key.stanResidue(), stanResidue)
                && Objects.equals(key.terminal(), terminal) && Objects.equals(key.merchant(), merchant)
                && (key instanceof IsoTraceKey iso ? Objects.equals(iso.dialect(), dialect)
                : Objects.equals(((CupTraceKey) key).batch(), batch));
    }

    @Override
    public Transaction decline(Transaction t, String responseCode, String requestRrn) {
        Row e = row(t);
        e.check(TxState.DECLINED);
        e.responseCode(responseCode);
        e.assignRrn(requestRrn);
        moveCounted(e, TxState.DECLINED);
        return e;
    }

    @Override
    public Transaction approve(Transaction t, String requestRrn) {
        Row e = row(t);
        e.check(TxState.APPROVED);
        approveChecked(e, requestRrn);
        return e;
    }

    private void approveChecked(Row e, String requestRrn) {
        e.responseCode("00");
        e.assignRrn(requestRrn);
        e.giveAuthCode();
        out(e);
        e.effective(e.amount());
        e.moveTo(TxState.APPROVED);
        in(e);
        if (e.type().isOriginal()) {
            indexRrn(e);
        }
    }

    /** Makes an approved original findable by its RRN: a host RRN is its id, its own one goes in the index. */
    private void indexRrn(Row e) {
        if (!e.has(Row.HOST_RRN)) {
            String text = e.rrn();
            if (text != null) {
                ledger.ownRrns.put(text, e.id);
            }
        }
        e.set(Row.RRN_INDEXED);
    }

    @Override
    public void indexOriginal(Transaction t) {
        Row e = row(t);
        if (e.has(Row.KEY_OWN) || e.extra() != null && e.extra().key != null) {
            e.home().fileKey(e, journal);
        }
    }

    @Override
    public void relate(Transaction to, Transaction entry) {
        row(to).link(row(entry));
    }

    // ---- originals ----

    @Override
    public Transaction postSale(Transaction t, String requestRrn) {
        Row e = row(t);
        e.check(TxState.APPROVED);
        AccountRecord a = e.account();
        long amount = e.amount();
        if (a.available() < amount) {
            return decline(e, "51", requestRrn);
        }
        if (!Money.isAmount(amount) || !Money.canMoveBalance(a.balance(), -amount)) {
            return decline(e, Money.OUT_OF_RANGE, requestRrn);
        }
        a.debit(amount);
        approveChecked(e, requestRrn);
        return e;
    }

    @Override
    public Transaction postAuth(Transaction t, String requestRrn) {
        Row e = row(t);
        e.check(TxState.APPROVED);
        AccountRecord a = e.account();
        long amount = e.amount();
        if (a.available() < amount) {
            return decline(e, "51", requestRrn);
        }
        if (!Money.isAmount(amount) || !Money.canMoveHolds(a.holds(), amount)) {
            return decline(e, Money.OUT_OF_RANGE, requestRrn);
        }
        a.hold(amount);
        approveChecked(e, requestRrn);
        e.set(Row.AUTH_INDEXED);
        return e;
    }

    @Override
    public Transaction postCompletion(Transaction completion, Transaction auth, String requestRrn) {
        Row c = row(completion);
        Row a = row(auth);
        a.check(TxState.COMPLETED);
        c.check(TxState.APPROVED);
        AccountRecord authAccount = a.account();
        AccountRecord account = c.account();
        if (!Money.isAmount(c.amount()) || !Money.canMoveHolds(authAccount.holds(), -a.effective())
                || !Money.canMoveBalance(account.balance(), -c.amount())) {
            return decline(c, Money.OUT_OF_RANGE, requestRrn);
        }
        authAccount.release(a.effective());
        moveCounted(a, TxState.COMPLETED);
        account.debit(c.amount());
        a.link(c);
        approveChecked(c, requestRrn);
        return c;
    }

    @Override
    public Transaction postCancel(Transaction cancel, Transaction auth, String requestRrn) {
        Row c = row(cancel);
        Row a = row(auth);
        a.check(TxState.CANCELLED);
        c.check(TxState.APPROVED);
        AccountRecord authAccount = a.account();
        if (!Money.canMoveHolds(authAccount.holds(), -a.effective())) {
            return decline(c, Money.OUT_OF_RANGE, requestRrn);
        }
        authAccount.release(a.effective());
        moveCounted(a, TxState.CANCELLED);
        a.link(c);
        approveChecked(c, requestRrn);
        return c;
    }

    @Override
    public Transaction postVoid(Transaction v, Transaction target, String requestRrn) {
        Row vd = row(v);
        Row s = row(target);
        Row auth = s.type() == TxType.COMPLETION ? s.original() : null;
        s.check(TxState.VOIDED);
        vd.check(TxState.APPROVED);
        if (auth != null) {
            auth.check(TxState.APPROVED);
        }
        AccountRecord account = s.account();
        if (!Money.canMoveBalance(account.balance(), s.effective())
                || auth != null && !Money.canMoveHolds(auth.account().holds(), auth.effective())) {
            return decline(vd, Money.OUT_OF_RANGE, requestRrn);
        }
        account.credit(s.effective());
        moveCounted(s, TxState.VOIDED);
        if (auth != null) {
            reinstate(auth);
        }
        s.link(vd);
        approveChecked(vd, requestRrn);
        return vd;
    }

    @Override
    public Transaction postRefund(Transaction r, Transaction target, String requestRrn) {
        Row rf = row(r);
        Row s = target == null ? null : row(target);
        rf.check(TxState.APPROVED);
        long amount = rf.amount();
        boolean full = s != null && s.refunded() + amount >= s.effective();
        if (full) {
            s.check(TxState.REFUNDED);
        }
        AccountRecord account = rf.account();
        if (!Money.isAmount(amount) || !Money.canMoveBalance(account.balance(), amount)) {
            return decline(rf, Money.OUT_OF_RANGE, requestRrn);
        }
        account.credit(amount);
        if (s != null) {
            out(s);
            s.extraToWrite().refunded += amount;
            if (full) {
                s.moveTo(TxState.REFUNDED);
            }
            in(s);
            s.link(rf);
        }
        approveChecked(rf, requestRrn);
        return rf;
    }

    /** An authorization back in force after its completion or cancel was undone: the hold returns. Checked by the caller. */
    private static void reinstate(Row auth) {
        auth.account().hold(auth.effective());
        moveCounted(auth, TxState.APPROVED);
    }

    // ---- reversals ----

    @Override
    public Transaction reverse(Transaction reversal, Transaction target, long remaining, String requestRrn) {
        Row rv = row(reversal);
        Row t = row(target);
        TxState next = remaining == 0 ? TxState.REVERSED : TxState.PARTIALLY_REVERSED;
        // Check every transition and the money first: nothing below may fail once something moved.
        t.check(next);
        rv.check(TxState.APPROVED);
        AccountRecord acct = t.account();
        ReversalPlan<Row> plan = ReversalPlan.of(t, remaining, Row::original, Row::check);
        if (!plan.fits(acct)) {
            t.link(rv);
            return decline(rv, Money.OUT_OF_RANGE, requestRrn);
        }
        // ---- changes ----
        if (acct != null) {
            acct.credit(plan.balanceDelta());
            acct.hold(plan.holdsDelta());
        }
        moveCounted(plan.reinstated(), TxState.APPROVED);
        moveCounted(plan.redone(), TxState.APPROVED);
        moveCounted(plan.completedAgain(), TxState.COMPLETED);
        out(t);
        t.effective(remaining);
        t.moveTo(next);
        in(t);
        t.link(rv);
        approveChecked(rv, requestRrn);
        rv.home().fileReversal(rv);
        return rv;
    }

    @Override
    public Transaction reverseNothing(Transaction reversal, Transaction target, String requestRrn) {
        Row rv = row(reversal);
        rv.check(TxState.APPROVED);
        row(target).link(rv);
        approveChecked(rv, requestRrn);
        rv.home().fileReversal(rv);
        return rv;
    }

    @Override
    public Transaction tombstone(Transaction reversal, String responseCode, String requestRrn) {
        Row rv = row(reversal);
        rv.check(TxState.TOMBSTONE);
        rv.responseCode(responseCode);
        rv.assignRrn(requestRrn);
        if ("00".equals(responseCode)) {
            rv.giveAuthCode();
        }
        moveCounted(rv, TxState.TOMBSTONE);
        rv.home().fileKey(rv, journal);
        rv.home().fileReversal(rv);
        return rv;
    }

    @Override
    public void repeated(Transaction reversal) {
        row(reversal).extraToWrite().repeats++;
    }

    // ---- settlement ----

    @Override
    public void settle(String dialect, String terminal, String merchant, String batch, boolean implicitBatch) {
        Stripe s = stripeOf(terminal);
        changed = true;
        s.settle(new Stripe.BatchRef(dialect, terminal, merchant, batch));
        if (implicitBatch) {
            s.nextIsoBatch(site(dialect, terminal, merchant));
        }
    }
}
