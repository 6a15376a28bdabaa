package io.acqsim.core.ledger;

import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.util.Objects;

/**
 * The ledger's write side, handed out by {@link Ledger#apply} while the lock is held and valid
 * only inside that call. Every money movement is one method here that applies its whole effect
 * (balance, holds, states, links, indexes) or, when a check fails, nothing at all; the flow
 * decides which to call.
 */
public final class Book {
    private final Ledger ledger;
    private final Journal journal;

    Book(Ledger ledger, Journal journal) {
        this.ledger = ledger;
        this.journal = journal;
    }

    // ---- look-ups ----

    /** The account for a PAN (auto-created when configured), or null when unknown. */
    public Account account(String pan) {
        return pan == null ? null : ledger.openAccount(pan);
    }

    /** The latest original (or tombstone) a terminal named by this key. */
    public Transaction byKey(TraceKey key) {
        return journal.byKey(key);
    }

    /** The first approved reversal of the original with this key, or null. */
    public Transaction reversalOf(TraceKey key) {
        return journal.reversalOf(key);
    }

    public Transaction byRrn(String rrn) {
        return journal.byRrn(rrn);
    }

    public Transaction byAuthCode(String pan, String authCode) {
        return journal.byAuthCode(pan, authCode);
    }

    /** Whether the batch a transaction belongs to has been settled. */
    public boolean isSettled(Transaction t) {
        return t.batch != null && journal.isSettled(new Journal.BatchRef(t.dialect, t.terminal, t.merchant, t.batch));
    }

    /** The batch a new message of a terminal belongs to: the terminal's own (CUP), or the host's implicit one. */
    public String batchFor(String dialect, String terminal, String merchant, String terminalBatch) {
        return terminalBatch != null ? terminalBatch : journal.isoBatch(dialect, terminal, merchant);
    }

    // ---- journal entries ----

    /** Adds a journal entry for a message; approve, decline or one of the post methods sets its outcome. */
    public Transaction record(TxType type, String mti, String dialect, String terminal, String merchant, String stan,
                              String batch, Account account, long amount, TraceKey key, String discriminator) {
        Transaction t = new Transaction(ledger.nextId(), type, Names.intern(mti), dialect, Names.intern(terminal),
                Names.intern(merchant), stan, account, amount, ledger.now(), key, discriminator);
        t.batch = Names.intern(batch);
        journal.add(t);
        return t;
    }

    /** Declines with a code; nothing is posted. The RRN is the request's, or a new one. */
    public Transaction decline(Transaction t, String responseCode, String requestRrn) {
        t.responseCode = responseCode;
        assignRrn(t, requestRrn);
        t.moveTo(TxState.DECLINED);
        return t;
    }

    /** The request's own RRN when it carried one, else the next host RRN. */
    private void assignRrn(Transaction t, String requestRrn) {
        if (requestRrn != null) {
            t.rrnFrom(requestRrn);
        } else {
            t.rrn = ledger.nextRrn();
            t.rrnText = null;
        }
    }

    /** Approves with no ledger effect (sign-on, balance inquiry, reversal of nothing). */
    public Transaction approve(Transaction t, String requestRrn) {
        t.responseCode = "00";
        assignRrn(t, requestRrn);
        t.authCode = ledger.nextAuthCode();
        t.effective = t.amount;
        t.moveTo(TxState.APPROVED);
        if (t.type.isOriginal()) {
            journal.indexRrn(t);
        }
        return t;
    }

    /** Makes an original findable by the key its terminal will name it by (reversal, duplicate, CUP void). */
    public void indexOriginal(Transaction t) {
        if (t.key != null) {
            journal.indexKey(t);
        }
    }

    // ---- originals ----

    /** Sale: debit if available, else {@code 51}. */
    public Transaction postSale(Transaction t, String requestRrn) {
        if (t.account.available() < t.amount) {
            return decline(t, "51", requestRrn);
        }
        t.account.debit(t.amount);
        return approve(t, requestRrn);
    }

    /** Pre-authorization: hold if available, else {@code 51}. */
    public Transaction postAuth(Transaction t, String requestRrn) {
        if (t.account.available() < t.amount) {
            return decline(t, "51", requestRrn);
        }
        t.account.hold(t.amount);
        approve(t, requestRrn);
        journal.indexAuthCode(t);
        return t;
    }

    /** Completion: the authorization's hold is released and the completion amount debited. */
    public Transaction postCompletion(Transaction completion, Transaction auth, String requestRrn) {
        auth.account.release(auth.effective);
        auth.moveTo(TxState.COMPLETED);
        completion.account.debit(completion.amount);
        auth.link(completion);
        return approve(completion, requestRrn);
    }

    /** Pre-auth cancel: the authorization's hold is released. */
    public Transaction postCancel(Transaction cancel, Transaction auth, String requestRrn) {
        auth.account.release(auth.effective);
        auth.moveTo(TxState.CANCELLED);
        auth.link(cancel);
        return approve(cancel, requestRrn);
    }

    /** Void of a sale (or CUP completion void): the amount is credited back and the target VOIDED. */
    public Transaction postVoid(Transaction v, Transaction target, String requestRrn) {
        target.account.credit(target.effective);
        target.moveTo(TxState.VOIDED);
        if (target.type == TxType.COMPLETION && target.original != null) {
            reinstate(target.original);
        }
        target.link(v);
        return approve(v, requestRrn);
    }

    /** Refund: credit, counted against the target sale (if any) so refunds never exceed it. */
    public Transaction postRefund(Transaction r, Transaction target, String requestRrn) {
        r.account.credit(r.amount);
        if (target != null) {
            target.refunded += r.amount;
            if (target.refunded >= target.effective) {
                target.moveTo(TxState.REFUNDED);
            }
            target.link(r);
        }
        return approve(r, requestRrn);
    }

    /** An authorization back in force after its completion or cancel was undone: the hold returns. */
    private void reinstate(Transaction auth) {
        auth.account.hold(auth.effective);
        auth.moveTo(TxState.APPROVED);
    }

    // ---- reversals ----

    /**
     * Undoes {@code target} so that only {@code remaining} of it stays in effect (0 for a full
     * reversal): the reverse of whatever its own posting did. The caller has checked that the
     * target is in a state a reversal can undo.
     */
    public Transaction reverse(Transaction reversal, Transaction target, long remaining, String requestRrn) {
        long undo = target.effective - remaining;
        switch (target.type) {
            case SALE -> target.account.credit(undo);
            case AUTH -> target.account.release(undo);
            case COMPLETION -> {
                target.account.credit(undo);
                if (remaining == 0 && target.original != null) {
                    reinstate(target.original);
                }
            }
            case VOID -> redo(target.original);
            case COMPLETION_VOID -> {
                Transaction completion = target.original;
                redo(completion);
                if (completion.original != null) {
                    Transaction auth = completion.original;
                    auth.account.release(auth.effective);
                    auth.moveTo(TxState.COMPLETED);
                }
            }
            case AUTH_CANCEL -> reinstate(target.original);
            default -> {
                // balance inquiries, network messages: nothing was posted, nothing to undo
            }
        }
        target.effective = remaining;
        target.moveTo(remaining == 0 ? TxState.REVERSED : TxState.PARTIALLY_REVERSED);
        target.link(reversal);
        approve(reversal, requestRrn);
        journal.indexReversal(reversal);
        return reversal;
    }

    /** A voided sale or completion back in force after its void was reversed: debited again. */
    private void redo(Transaction voided) {
        voided.account.debit(voided.effective);
        voided.moveTo(TxState.APPROVED);
    }

    /** A reversal approved without anything to undo (its original was declined). */
    public Transaction reverseNothing(Transaction reversal, Transaction target, String requestRrn) {
        target.link(reversal);
        approve(reversal, requestRrn);
        journal.indexReversal(reversal);
        return reversal;
    }

    /**
     * A reversal of an original the host never saw: answered with {@code responseCode}, and a
     * tombstone under the key so that a late original is refused and repeats are replayed.
     */
    public Transaction tombstone(Transaction reversal, String responseCode, String requestRrn) {
        reversal.responseCode = responseCode;
        assignRrn(reversal, requestRrn);
        if ("00".equals(responseCode)) {
            reversal.authCode = ledger.nextAuthCode();
        }
        reversal.moveTo(TxState.TOMBSTONE);
        journal.indexKey(reversal);
        journal.indexReversal(reversal);
        return reversal;
    }

    /** Counts a replayed repeat of a reversal. */
    public void repeated(Transaction reversal) {
        reversal.repeats++;
    }

    /** Links a journal entry (a late original, a duplicate) to the transaction it was refused because of. */
    public void relate(Transaction to, Transaction entry) {
        to.link(entry);
    }

    // ---- settlement ----

    /** Totals of a terminal's batch: what settlement compares with the terminal's own. */
    public record BatchTotals(long debitAmount, int debitCount, long creditAmount, int creditCount) {
    }

    /**
     * Closes a terminal's batch and returns its totals: debits are sales and completions still in
     * effect, credits are approved refunds. Voided and reversed transactions count for nothing.
     */
    public BatchTotals settle(String dialect, String terminal, String merchant, String batch, boolean implicitBatch) {
        long[] sums = new long[4];
        journal.forEach(t -> {
            if (!t.dialect.equals(dialect) || !terminal.equals(t.terminal) || !batch.equals(t.batch)
                    || !Objects.equals(merchant, t.merchant) || !t.state.inEffect()) {
                return;
            }
            if (t.type == TxType.SALE || t.type == TxType.COMPLETION) {
                sums[0] += t.effective;
                sums[1]++;
            } else if (t.type == TxType.REFUND) {
                sums[2] += t.effective;
                sums[3]++;
            }
        });
        journal.settle(new Journal.BatchRef(dialect, terminal, merchant, batch));
        if (implicitBatch) {
            journal.nextIsoBatch(dialect, terminal, merchant);
        }
        return new BatchTotals(sums[0], (int) sums[1], sums[2], (int) sums[3]);
    }
}
