package io.acqsim.core.ledger;

import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory store's {@link Book}: one per thread, running one unit of work at a time under the
 * lock stripes it needs ({@link Stripes}). Look-ups take the stripes of what they find (the
 * entry's terminal, its account's PAN, and those of the originals it acts on, which a posting may
 * change); a stripe above every one held is waited for, a lower one only tried, and when it is
 * busy the unit is abandoned and run again from the start with that stripe taken first, so locks
 * are always waited for in ascending order and no two units deadlock. A unit changes nothing
 * before its look-ups are done ({@link Book}'s contract), so abandoning it leaves nothing behind;
 * a unit that fails after recording has its entries taken out again ({@link #rollBack}).
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
    private static final long AUTH_CODES = 1_000_000;

    private final MemoryLedger ledger;
    private final Stripe[] stripes;
    /** Entries recorded by the unit now running, oldest first. */
    private final List<Entry> recorded = new ArrayList<>();
    private boolean running;
    /** The stripes held now, one bit each. */
    private long held;
    /** The stripe whose absence abandoned the last run. */
    private int missing;
    /** Whether the unit has changed anything yet: after that it may take no new stripe. */
    private boolean changed;
    private Ring ring;

    MemoryBook(MemoryLedger ledger) {
        this.ledger = ledger;
        this.stripes = ledger.stripes;
    }

    <T> T run(UnitOfWork<T> work) {
        if (running) {
            throw new IllegalStateException("a unit of work may not start another");
        }
        running = true;
        long want = 0;
        try {
            while (true) {
                acquire(want);
                ring = ledger.ring;
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

    /** Takes the stripes in {@code want}, lowest first (waiting is safe in ascending order). */
    private void acquire(long want) {
        held = 0;
        long w = want;
        while (w != 0) {
            int s = Long.numberOfTrailingZeros(w);
            stripes[s].lock.lock();
            held |= 1L << s;
            w &= w - 1;
        }
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
        if (held == 0) {
            stripes[s].lock.lock();
            held = bit;
            ring = ledger.ring; // stable from now on: a reset takes every stripe
            return;
        }
        if (s > 63 - Long.numberOfLeadingZeros(held)) {
            stripes[s].lock.lock();
        } else if (!stripes[s].lock.tryLock()) {
            missing = s;
            throw RESTART;
        }
        held |= bit;
    }

    /** Holds what a posting on {@code e} may change: its stripe, its card's, its originals' (two deep). */
    private Entry hold(Entry e) {
        Entry x = e;
        for (int depth = 0; x != null && depth < 3; depth++) {
            need(x.stripe);
            if (x.account != null) {
                need(x.account.stripe);
            }
            x = x.original;
        }
        return e;
    }

    private Stripe stripeOf(String terminal) {
        int s = Stripes.of(terminal);
        need(s);
        return stripes[s];
    }

    /** Takes out what the failed unit recorded: its entries leave the ring and every index. */
    void rollBack() {
        for (int i = recorded.size() - 1; i >= 0; i--) {
            Entry e = recorded.get(i);
            if (!e.evicted) {
                forget(e);
                ring.compareAndSet(ledger.slot(e.id), e, null);
            }
            if (e.original != null && e.original.related != null) {
                e.original.related.remove(e);
            }
        }
        recorded.clear();
    }

    private void forget(Entry e) {
        stripes[e.stripe].forget(e);
        if (e.rrnIndexed && e.rrnText != null) {
            ledger.ownRrns.remove(e.rrnText, e);
        }
    }

    private static Entry entry(Transaction t) {
        return (Entry) t;
    }

    /** Runs {@code change} on an entry with its share of the totals taken out before and put back after. */
    private void moved(Entry t, Runnable change) {
        if (t.evicted) { // forgotten while this unit used it (a retention smaller than a unit's reach)
            change.run();
            return;
        }
        Stripe s = stripes[t.stripe];
        s.count(t, -1);
        change.run();
        s.count(t, +1);
    }

    // ---- look-ups ----

    @Override
    public Account account(String pan) {
        if (pan == null) {
            return null;
        }
        need(Stripes.of(pan));
        return ledger.openAccount(pan);
    }

    @Override
    public Transaction byKey(TraceKey key) {
        if (key == null) {
            return null;
        }
        Entry e = stripeOf(key.terminal()).byKey.get(key);
        return e == null ? null : hold(e);
    }

    @Override
    public Transaction reversalOf(TraceKey key) {
        if (key == null) {
            return null;
        }
        Entry e = stripeOf(key.terminal()).reversals.get(key);
        return e == null ? null : hold(e);
    }

    @Override
    public Transaction byRrn(String rrn) {
        if (rrn == null) {
            return null;
        }
        Entry own = ledger.ownRrns.get(rrn);
        if (own != null) {
            need(own.stripe);
            if (!own.evicted && own.rrnIndexed) {
                return hold(own);
            }
        }
        long value = Digits.parse(rrn, 12);
        long id = value < 0 ? -1 : ledger.idOfHostRrn(value);
        if (id < 1) {
            return null;
        }
        Entry e = onFile(id);
        return e != null && e.rrnIndexed && e.rrnText == null && e.rrn == value ? hold(e) : null;
    }

    /** The entry with this id if the ring still holds it, its stripe held; else null. */
    private Entry onFile(long id) {
        if (id >= ledger.nextId.get()) {
            return null;
        }
        if (held == 0) {
            ring = ledger.ring;
        }
        int slot = ledger.slot(id);
        Entry e = ring.get(slot);
        if (e == null || e.id != id) {
            return null;
        }
        need(e.stripe);
        return ring.get(slot) == e && !e.evicted ? e : null;
    }

    @Override
    public Transaction byAuthCode(String pan, String authCode) {
        if (pan == null || authCode == null || authCode.length() != 6 || !authCode.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long code = Integer.parseInt(authCode);
        long newest = ledger.nextId.get() - 1;
        // Approval codes are ids modulo 10^6: the candidates are the ids on file with that remainder.
        long id = newest - Math.floorMod(newest - code, AUTH_CODES);
        for (; id >= 1 && id > newest - ledger.retention(); id -= AUTH_CODES) {
            Entry e = onFile(id);
            if (e != null && e.authIndexed && e.account != null && pan.equals(e.account.pan())) {
                return hold(e);
            }
        }
        return null;
    }

    @Override
    public boolean isSettled(Transaction t) {
        Entry e = entry(t);
        return e.batch != null && stripes[e.stripe].isSettled(new Stripe.BatchRef(e.dialect, e.terminal, e.merchant,
                e.batch));
    }

    @Override
    public String batchFor(String dialect, String terminal, String merchant, String terminalBatch) {
        Stripe s = stripeOf(terminal);
        return terminalBatch != null ? terminalBatch : s.isoBatch(dialect, terminal, merchant);
    }

    @Override
    public BatchTotals batchTotals(String dialect, String terminal, String merchant, String batch) {
        return stripeOf(terminal).batchTotals(new Stripe.BatchRef(dialect, terminal, merchant, batch));
    }

    // ---- journal entries ----

    @Override
    public Transaction record(TxType type, String mti, String dialect, String terminal, String merchant, String stan,
                              String batch, Account account, long amount, TraceKey key, String discriminator) {
        String term = Names.intern(terminal);
        Stripe own = stripeOf(term);
        if (account != null) {
            need(((AccountRecord) account).stripe);
        }
        while (true) {
            long id = ledger.nextId.get();
            int slot = ledger.slot(id);
            Entry old = ring.get(slot);
            if (old != null) {
                need(old.stripe); // the entry this one replaces is forgotten under its own stripe
            }
            if (!ledger.nextId.compareAndSet(id, id + 1)) {
                continue;
            }
            changed = true;
            Entry t = new Entry(id, type, Names.intern(mti), dialect, term, Names.intern(merchant), stan,
                    Names.intern(batch), (AccountRecord) account, amount, ledger.now(), key, discriminator);
            if (!ring.compareAndSet(slot, old, t)) {
                changed = false; // another unit filled the slot meanwhile (a tiny retention): take the next id
                continue;
            }
            if (old != null && !old.evicted) {
                forget(old);
            }
            own.size++;
            recorded.add(t);
            return t;
        }
    }

    @Override
    public Transaction decline(Transaction t, String responseCode, String requestRrn) {
        Entry e = entry(t);
        e.check(TxState.DECLINED);
        e.responseCode = responseCode;
        assignRrn(e, requestRrn);
        moved(e, () -> e.moveTo(TxState.DECLINED));
        return e;
    }

    /** The request's own RRN when it carried one, else the host's: made from the entry's id (and node). */
    private void assignRrn(Entry t, String requestRrn) {
        if (requestRrn != null) {
            t.rrnFrom(requestRrn);
        } else {
            t.rrn = ledger.hostRrn(t.id);
            t.rrnText = null;
        }
    }

    @Override
    public Transaction approve(Transaction t, String requestRrn) {
        Entry e = entry(t);
        e.check(TxState.APPROVED);
        approveChecked(e, requestRrn);
        return e;
    }

    private void approveChecked(Entry e, String requestRrn) {
        e.responseCode = "00";
        assignRrn(e, requestRrn);
        e.authCode = (int) (e.id % AUTH_CODES);
        moved(e, () -> {
            e.effective = e.amount;
            e.moveTo(TxState.APPROVED);
        });
        if (e.type.isOriginal()) {
            indexRrn(e);
        }
    }

    /** Makes an approved original findable by its RRN: a host RRN is its id, its own one goes in the index. */
    private void indexRrn(Entry e) {
        if (e.rrn != ledger.hostRrn(e.id) || e.rrnText != null) {
            String text = e.rrn();
            if (text != null) {
                e.rrnText = e.rrnText == null ? text : e.rrnText;
                ledger.ownRrns.put(text, e);
            }
        }
        e.rrnIndexed = true;
    }

    @Override
    public void indexOriginal(Transaction t) {
        Entry e = entry(t);
        if (e.key != null) {
            stripes[e.stripe].byKey.put(e.key, e);
        }
    }

    @Override
    public void relate(Transaction to, Transaction entry) {
        entry(to).link(entry(entry));
    }

    // ---- originals ----

    @Override
    public Transaction postSale(Transaction t, String requestRrn) {
        Entry e = entry(t);
        e.check(TxState.APPROVED);
        if (e.account.available() < e.amount) {
            return decline(e, "51", requestRrn);
        }
        if (!Money.isAmount(e.amount) || !Money.canMoveBalance(e.account.balance(), -e.amount)) {
            return decline(e, Money.OUT_OF_RANGE, requestRrn);
        }
        e.account.debit(e.amount);
        approveChecked(e, requestRrn);
        return e;
    }

    @Override
    public Transaction postAuth(Transaction t, String requestRrn) {
        Entry e = entry(t);
        e.check(TxState.APPROVED);
        if (e.account.available() < e.amount) {
            return decline(e, "51", requestRrn);
        }
        if (!Money.isAmount(e.amount) || !Money.canMoveHolds(e.account.holds(), e.amount)) {
            return decline(e, Money.OUT_OF_RANGE, requestRrn);
        }
        e.account.hold(e.amount);
        approveChecked(e, requestRrn);
        e.authIndexed = true;
        return e;
    }

    @Override
    public Transaction postCompletion(Transaction completion, Transaction auth, String requestRrn) {
        Entry c = entry(completion);
        Entry a = entry(auth);
        a.check(TxState.COMPLETED);
        c.check(TxState.APPROVED);
        if (!Money.isAmount(c.amount) || !Money.canMoveHolds(a.account.holds(), -a.effective)
                || !Money.canMoveBalance(c.account.balance(), -c.amount)) {
            return decline(c, Money.OUT_OF_RANGE, requestRrn);
        }
        a.account.release(a.effective);
        moved(a, () -> a.moveTo(TxState.COMPLETED));
        c.account.debit(c.amount);
        a.link(c);
        approveChecked(c, requestRrn);
        return c;
    }

    @Override
    public Transaction postCancel(Transaction cancel, Transaction auth, String requestRrn) {
        Entry c = entry(cancel);
        Entry a = entry(auth);
        a.check(TxState.CANCELLED);
        c.check(TxState.APPROVED);
        if (!Money.canMoveHolds(a.account.holds(), -a.effective)) {
            return decline(c, Money.OUT_OF_RANGE, requestRrn);
        }
        a.account.release(a.effective);
        moved(a, () -> a.moveTo(TxState.CANCELLED));
        a.link(c);
        approveChecked(c, requestRrn);
        return c;
    }

    @Override
    public Transaction postVoid(Transaction v, Transaction target, String requestRrn) {
        Entry vd = entry(v);
        Entry s = entry(target);
        Entry auth = s.type == TxType.COMPLETION ? s.original : null;
        s.check(TxState.VOIDED);
        vd.check(TxState.APPROVED);
        if (auth != null) {
            auth.check(TxState.APPROVED);
        }
        if (!Money.canMoveBalance(s.account.balance(), s.effective)
                || auth != null && !Money.canMoveHolds(auth.account.holds(), auth.effective)) {
            return decline(vd, Money.OUT_OF_RANGE, requestRrn);
        }
        s.account.credit(s.effective);
        moved(s, () -> s.moveTo(TxState.VOIDED));
        if (auth != null) {
            reinstate(auth);
        }
        s.link(vd);
        approveChecked(vd, requestRrn);
        return vd;
    }

    @Override
    public Transaction postRefund(Transaction r, Transaction target, String requestRrn) {
        Entry rf = entry(r);
        Entry s = target == null ? null : entry(target);
        rf.check(TxState.APPROVED);
        boolean full = s != null && s.refunded + rf.amount >= s.effective;
        if (full) {
            s.check(TxState.REFUNDED);
        }
        if (!Money.isAmount(rf.amount) || !Money.canMoveBalance(rf.account.balance(), rf.amount)) {
            return decline(rf, Money.OUT_OF_RANGE, requestRrn);
        }
        rf.account.credit(rf.amount);
        if (s != null) {
            moved(s, () -> {
                s.refunded += rf.amount;
                if (full) {
                    s.moveTo(TxState.REFUNDED);
                }
            });
            s.link(rf);
        }
        approveChecked(rf, requestRrn);
        return rf;
    }

    /** An authorization back in force after its completion or cancel was undone: the hold returns. Checked by the caller. */
    private void reinstate(Entry auth) {
        auth.account.hold(auth.effective);
        moved(auth, () -> auth.moveTo(TxState.APPROVED));
    }

    // ---- reversals ----

    @Override
    public Transaction reverse(Transaction reversal, Transaction target, long remaining, String requestRrn) {
        Entry rv = entry(reversal);
        Entry t = entry(target);
        long undo = t.effective - remaining;
        TxState next = remaining == 0 ? TxState.REVERSED : TxState.PARTIALLY_REVERSED;
        // Check every transition and the money first: nothing below may fail once something moved.
        t.check(next);
        rv.check(TxState.APPROVED);
        AccountRecord acct = t.account;
        long balanceDelta = 0;
        long holdsDelta = 0;
        Entry reinstated = null;
        Entry redone = null;
        Entry completedAgain = null;
        switch (t.type) {
            case SALE -> balanceDelta = undo;
            case AUTH -> holdsDelta = -undo;
            case COMPLETION -> {
                balanceDelta = undo;
                if (remaining == 0 && t.original != null) {
                    reinstated = t.original;
                }
            }
            case VOID -> redone = t.original;
            case COMPLETION_VOID -> {
                redone = t.original;
                if (redone != null && redone.original != null) {
                    completedAgain = redone.original;
                }
            }
            case AUTH_CANCEL -> reinstated = t.original;
            default -> {
                // balance inquiries, network messages: nothing was posted, nothing to undo
            }
        }
        if (reinstated != null) {
            reinstated.check(TxState.APPROVED);
            holdsDelta += reinstated.effective;
        }
        if (redone != null) {
            redone.check(TxState.APPROVED);
            balanceDelta -= redone.effective;
        }
        if (completedAgain != null) {
            completedAgain.check(TxState.COMPLETED);
            holdsDelta -= completedAgain.effective;
        }
        if (acct != null && (!Money.canMoveBalance(acct.balance(), balanceDelta)
                || !Money.canMoveHolds(acct.holds(), holdsDelta))) {
            t.link(rv);
            return decline(rv, Money.OUT_OF_RANGE, requestRrn);
        }
        // ---- changes ----
        if (acct != null) {
            acct.credit(balanceDelta);
            acct.hold(holdsDelta);
        }
        if (reinstated != null) {
            Entry a = reinstated;
            moved(a, () -> a.moveTo(TxState.APPROVED));
        }
        if (redone != null) {
            Entry d = redone;
            moved(d, () -> d.moveTo(TxState.APPROVED));
        }
        if (completedAgain != null) {
            Entry a = completedAgain;
            moved(a, () -> a.moveTo(TxState.COMPLETED));
        }
        moved(t, () -> {
            t.effective = remaining;
            t.moveTo(next);
        });
        t.link(rv);
        approveChecked(rv, requestRrn);
        stripes[rv.stripe].reversals.putIfAbsent(rv.key, rv);
        return rv;
    }

    @Override
    public Transaction reverseNothing(Transaction reversal, Transaction target, String requestRrn) {
        Entry rv = entry(reversal);
        rv.check(TxState.APPROVED);
        entry(target).link(rv);
        approveChecked(rv, requestRrn);
        stripes[rv.stripe].reversals.putIfAbsent(rv.key, rv);
        return rv;
    }

    @Override
    public Transaction tombstone(Transaction reversal, String responseCode, String requestRrn) {
        Entry rv = entry(reversal);
        rv.check(TxState.TOMBSTONE);
        rv.responseCode = responseCode;
        assignRrn(rv, requestRrn);
        if ("00".equals(responseCode)) {
            rv.authCode = (int) (rv.id % AUTH_CODES);
        }
        moved(rv, () -> rv.moveTo(TxState.TOMBSTONE));
        stripes[rv.stripe].byKey.put(rv.key, rv);
        stripes[rv.stripe].reversals.putIfAbsent(rv.key, rv);
        return rv;
    }

    @Override
    public void repeated(Transaction reversal) {
        entry(reversal).repeats++;
    }

    // ---- settlement ----

    @Override
    public void settle(String dialect, String terminal, String merchant, String batch, boolean implicitBatch) {
        Stripe s = stripeOf(terminal);
        changed = true;
        s.settle(new Stripe.BatchRef(dialect, terminal, merchant, batch));
        if (implicitBatch) {
            s.nextIsoBatch(dialect, terminal, merchant);
        }
    }
}
