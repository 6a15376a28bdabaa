package io.acqsim.core.ledger;

import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory store's {@link Book}, handed out by {@link MemoryLedger#apply} to one unit of work at
 * a time. Every posting checks first (transitions, then the money range) and changes second, so a
 * failed check leaves balances, holds and states as they were; entries the unit recorded are taken
 * out again if the unit fails ({@link #rollBack}).
 */
final class MemoryBook implements Book {
    private final MemoryLedger ledger;
    private final Journal journal;
    /** Entries recorded by the unit now running, oldest first. */
    private final List<Entry> recorded = new ArrayList<>();

    MemoryBook(MemoryLedger ledger, Journal journal) {
        this.ledger = ledger;
        this.journal = journal;
    }

    void begin() {
        recorded.clear();
    }

    /** Takes out what the failed unit recorded: its entries leave the journal and every index. */
    void rollBack() {
        for (int i = recorded.size() - 1; i >= 0; i--) {
            Entry e = recorded.get(i);
            journal.removeNewest(e);
            if (e.original != null && e.original.related != null) {
                e.original.related.remove(e);
            }
        }
        recorded.clear();
    }

    private static Entry entry(Transaction t) {
        return (Entry) t;
    }

    // ---- look-ups ----

    @Override
    public Account account(String pan) {
        return pan == null ? null : ledger.openAccount(pan);
    }

    @Override
    public Transaction byKey(TraceKey key) {
        return journal.byKey(key);
    }

    @Override
    public Transaction reversalOf(TraceKey key) {
        return journal.reversalOf(key);
    }

    @Override
    public Transaction byRrn(String rrn) {
        return journal.byRrn(rrn);
    }

    @Override
    public Transaction byAuthCode(String pan, String authCode) {
        return journal.byAuthCode(pan, authCode);
    }

    @Override
    public boolean isSettled(Transaction t) {
        Entry e = entry(t);
        return e.batch != null && journal.isSettled(new Journal.BatchRef(e.dialect, e.terminal, e.merchant, e.batch));
    }

    @Override
    public String batchFor(String dialect, String terminal, String merchant, String terminalBatch) {
        return terminalBatch != null ? terminalBatch : journal.isoBatch(dialect, terminal, merchant);
    }

    @Override
    public BatchTotals batchTotals(String dialect, String terminal, String merchant, String batch) {
        return journal.batchTotals(new Journal.BatchRef(dialect, terminal, merchant, batch));
    }

    // ---- journal entries ----

    @Override
    public Transaction record(TxType type, String mti, String dialect, String terminal, String merchant, String stan,
                              String batch, Account account, long amount, TraceKey key, String discriminator) {
        Entry t = new Entry(ledger.nextId(), type, Names.intern(mti), dialect, Names.intern(terminal),
                Names.intern(merchant), stan, (AccountRecord) account, amount, ledger.now(), key, discriminator);
        t.batch = Names.intern(batch);
        journal.add(t);
        recorded.add(t);
        return t;
    }

    @Override
    public Transaction decline(Transaction t, String responseCode, String requestRrn) {
        Entry e = entry(t);
        e.check(TxState.DECLINED);
        e.responseCode = responseCode;
        assignRrn(e, requestRrn);
        journal.moved(e, () -> e.moveTo(TxState.DECLINED));
        return e;
    }

    /** The request's own RRN when it carried one, else the next host RRN. */
    private void assignRrn(Entry t, String requestRrn) {
        if (requestRrn != null) {
            t.rrnFrom(requestRrn);
        } else {
            t.rrn = ledger.nextRrn();
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
        e.authCode = ledger.nextAuthCode();
        journal.moved(e, () -> {
            e.effective = e.amount;
            e.moveTo(TxState.APPROVED);
        });
        if (e.type.isOriginal()) {
            journal.indexRrn(e);
        }
    }

    @Override
    public void indexOriginal(Transaction t) {
        Entry e = entry(t);
        if (e.key != null) {
            journal.indexKey(e);
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
        journal.indexAuthCode(e);
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
        journal.moved(a, () -> a.moveTo(TxState.COMPLETED));
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
        journal.moved(a, () -> a.moveTo(TxState.CANCELLED));
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
        journal.moved(s, () -> s.moveTo(TxState.VOIDED));
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
            journal.moved(s, () -> {
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
        journal.moved(auth, () -> auth.moveTo(TxState.APPROVED));
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
            journal.moved(a, () -> a.moveTo(TxState.APPROVED));
        }
        if (redone != null) {
            Entry d = redone;
            journal.moved(d, () -> d.moveTo(TxState.APPROVED));
        }
        if (completedAgain != null) {
            Entry a = completedAgain;
            journal.moved(a, () -> a.moveTo(TxState.COMPLETED));
        }
        journal.moved(t, () -> {
            t.effective = remaining;
            t.moveTo(next);
        });
        t.link(rv);
        approveChecked(rv, requestRrn);
        journal.indexReversal(rv);
        return rv;
    }

    @Override
    public Transaction reverseNothing(Transaction reversal, Transaction target, String requestRrn) {
        Entry rv = entry(reversal);
        rv.check(TxState.APPROVED);
        entry(target).link(rv);
        approveChecked(rv, requestRrn);
        journal.indexReversal(rv);
        return rv;
    }

    @Override
    public Transaction tombstone(Transaction reversal, String responseCode, String requestRrn) {
        Entry rv = entry(reversal);
        rv.check(TxState.TOMBSTONE);
        rv.responseCode = responseCode;
        assignRrn(rv, requestRrn);
        if ("00".equals(responseCode)) {
            rv.authCode = ledger.nextAuthCode();
        }
        journal.moved(rv, () -> rv.moveTo(TxState.TOMBSTONE));
        journal.indexKey(rv);
        journal.indexReversal(rv);
        return rv;
    }

    @Override
    public void repeated(Transaction reversal) {
        entry(reversal).repeats++;
    }

    // ---- settlement ----

    @Override
    public void settle(String dialect, String terminal, String merchant, String batch, boolean implicitBatch) {
        journal.settle(new Journal.BatchRef(dialect, terminal, merchant, batch));
        if (implicitBatch) {
            journal.nextIsoBatch(dialect, terminal, merchant);
        }
    }
}
