package io.acqsim.core.ledger;

import io.acqsim.core.reversal.Stan;
import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory store's journal entry for one message the bank answered (or deliberately did not).
 * Mutable only inside a unit of work through {@link MemoryBook}; readers outside get
 * {@link TransactionView} copies.
 */
final class Entry implements Transaction {
    final long id;
    /** The lock stripe of its terminal: the one a unit must hold to read or change this entry. */
    final int stripe;
    final TxType type;
    final String mti;
    final String dialect;
    final String terminal;
    final String merchant;
    /** DE11 as a number, and as text only when it is not six digits (see {@link Stan}). */
    final int stan;
    final String stanResidue;
    final AccountRecord account;
    final long time;
    final long amount;
    /** The key the terminal names this transaction by (reversal, CUP void), or null. */
    final TraceKey key;
    /** ISO DE7: tells a duplicate from a reuse of the same STAN. */
    final long discriminator;
    final String discriminatorResidue;
    /** The batch the transaction belongs to (CUP 60.2, or the host's implicit ISO batch). */
    final String batch;
    /** The RRN as a number when it is twelve digits (every host RRN), else -1 and the text in {@link #rrnText}. */
    long rrn = -1;
    String rrnText;
    /** The approval code, six digits on the wire; -1 when there is none. */
    int authCode = -1;
    String responseCode;
    TxState state;
    /** What of the amount is still in effect (a partial reversal reduces it). */
    long effective;
    /** Sum of approved refunds against this sale or completion. */
    long refunded;
    /** Findable by its RRN (an approved original). */
    boolean rrnIndexed;
    /** Findable by card and approval code (an approved authorization). */
    boolean authIndexed;
    /** Forgotten: beyond the retention, or taken out again by a failed unit. */
    boolean evicted;
    /** How many repeats (0401, 0421, the same 0400 again) of this reversal were replayed. */
    int repeats;
    /** The transaction this one acts on (void, reversal, completion, refund, cancel), or null. */
    Entry original;
    /** Voids, reversals, completions, refunds and cancels that acted on this one, oldest first. */
    List<Entry> related;

    Entry(long id, TxType type, String mti, String dialect, String terminal, String merchant, String stan,
          String batch, AccountRecord account, long amount, long time, TraceKey key, String discriminator) {
        this.id = id;
        this.stripe = Stripes.of(terminal);
        this.batch = batch;
        this.type = type;
        this.mti = mti;
        this.dialect = dialect;
        this.terminal = terminal;
        this.merchant = merchant;
        this.stan = Stan.parse(stan);
        this.stanResidue = Stan.residue(stan, this.stan);
        this.account = account;
        this.amount = amount;
        this.time = time;
        this.key = key;
        this.discriminator = Digits.parse(discriminator, 10);
        this.discriminatorResidue = this.discriminator < 0 ? discriminator : null;
    }

    void link(Entry child) {
        child.original = this;
        if (related == null) {
            related = new ArrayList<>(2);
        }
        related.add(child);
    }

    /** Throws unless this entry may move to {@code next} ({@link TxState#canBecome}); changes nothing. */
    void check(TxState next) {
        if (state != null && !state.canBecome(next)) {
            throw new IllegalStateException("transaction " + id + " cannot go from " + state + " to " + next);
        }
    }

    void moveTo(TxState next) {
        check(next);
        state = next;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public TxType type() {
        return type;
    }

    @Override
    public TxState state() {
        return state;
    }

    @Override
    public String responseCode() {
        return responseCode;
    }

    @Override
    public String rrn() {
        return rrn >= 0 ? Digits.pad(rrn, 12) : rrnText;
    }

    /** Sets the RRN from the request's DE37 (kept as a number when it is twelve digits). */
    void rrnFrom(String text) {
        rrn = Digits.parse(text, 12);
        rrnText = rrn < 0 ? text : null;
    }

    @Override
    public String stan() {
        return stan == Stan.NOT_NUMERIC && stanResidue == null ? null : Stan.text(stan, stanResidue);
    }

    @Override
    public String authCode() {
        return authCode < 0 ? null : Digits.pad(authCode, 6);
    }

    @Override
    public long amount() {
        return amount;
    }

    /** The part of the amount still in effect. */
    @Override
    public long effective() {
        return effective;
    }

    @Override
    public long refunded() {
        return refunded;
    }

    @Override
    public String terminal() {
        return terminal;
    }

    @Override
    public String merchant() {
        return merchant;
    }

    @Override
    public String batch() {
        return batch;
    }

    @Override
    public String discriminator() {
        return discriminator < 0 ? discriminatorResidue : Digits.pad(discriminator, 10);
    }

    @Override
    public long time() {
        return time;
    }

    @Override
    public AccountRecord account() {
        return account;
    }

    @Override
    public Entry original() {
        return original;
    }

    @Override
    public int repeats() {
        return repeats;
    }

    @Override
    public boolean approved() {
        return "00".equals(responseCode);
    }

    @Override
    public TransactionView view() {
        List<Long> ids = new ArrayList<>();
        if (original != null) {
            ids.add(original.id);
        }
        if (related != null) {
            for (Entry t : related) {
                ids.add(t.id);
            }
        }
        return new TransactionView(id, type.name(), mti, dialect, terminal, merchant, stan(), rrn(), authCode(), amount,
                effective, responseCode, state.name(), time, account == null ? null : account.pan(), batch,
                repeats, ids);
    }
}
