package io.acqsim.core.ledger;

import io.acqsim.core.routing.TxType;
import java.util.ArrayList;
import java.util.List;

/**
 * One journaled message that the bank answered (or deliberately did not). Mutable only under the
 * {@link Ledger}'s lock; the admin API reads {@link TransactionView} copies.
 */
public final class Transaction {
    final long id;
    final TxType type;
    final String mti;
    final String dialect;
    final String terminal;
    final String merchant;
    final String stan;
    final String batch;
    final Account account;
    final long time;
    final long amount;
    String rrn;
    String authCode;
    String responseCode;
    TxState state;
    /** What of the amount is still in effect (partial reversals and refunds reduce it). */
    long effective;
    /** Sum of refunds against this sale. */
    long refunded;
    /** The transaction this one acts on (void, reversal, completion, refund), or null. */
    Transaction original;
    /** Voids, reversals, completions and refunds that acted on this one, oldest first. */
    List<Transaction> related;

    Transaction(long id, TxType type, String mti, String dialect, String terminal, String merchant, String stan,
                String batch, Account account, long amount, long time) {
        this.id = id;
        this.type = type;
        this.mti = mti;
        this.dialect = dialect;
        this.terminal = terminal;
        this.merchant = merchant;
        this.stan = stan;
        this.batch = batch;
        this.account = account;
        this.amount = amount;
        this.time = time;
    }

    void link(Transaction child) {
        child.original = this;
        if (related == null) {
            related = new ArrayList<>(2);
        }
        related.add(child);
    }

    void moveTo(TxState next) {
        if (state != null && state != next && !state.canBecome(next)) {
            throw new IllegalStateException("transaction " + id + " cannot go from " + state + " to " + next);
        }
        state = next;
    }

    public long id() {
        return id;
    }

    public TxType type() {
        return type;
    }

    public TxState state() {
        return state;
    }

    public String responseCode() {
        return responseCode;
    }

    public String rrn() {
        return rrn;
    }

    public String authCode() {
        return authCode;
    }

    public long amount() {
        return amount;
    }

    public String terminal() {
        return terminal;
    }

    public TransactionView view() {
        List<Long> ids = new ArrayList<>();
        if (original != null) {
            ids.add(original.id);
        }
        if (related != null) {
            for (Transaction t : related) {
                ids.add(t.id);
            }
        }
        return new TransactionView(id, type.name(), mti, dialect, terminal, merchant, stan, rrn, authCode, amount,
                responseCode, state.name(), time, account == null ? null : account.pan(), ids);
    }
}
