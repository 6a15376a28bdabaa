package io.acqsim.core.ledger.pg;

import io.acqsim.core.ledger.Account;
import io.acqsim.core.ledger.Digits;
import io.acqsim.core.ledger.Transaction;
import io.acqsim.core.ledger.TransactionView;
import io.acqsim.core.ledger.TxState;
import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction row as one group commit sees it: loaded {@code FOR UPDATE} (or recorded by the
 * group), changed in memory by {@link PgBook}, inserted or updated at the flush. Its account and
 * original are looked up through the book when first asked for, so they are locked too.
 */
final class PgTransaction implements Transaction {
    final long id;
    final int node;
    final TxType type;
    final String mti;
    final String dialect;
    final String terminal;
    final String merchant;
    final String stan;
    final String pan;
    final long amount;
    final long time;
    /** The key as stored ({@link TraceKeyText}), or null. */
    final String keyText;
    final String discriminator;
    String batch;
    String rrn;
    /** Six digits on the wire; -1 when there is none. */
    int authCode = -1;
    String responseCode;
    TxState state;
    long effective;
    long refunded;
    int repeats;
    long originalId;
    /** Ids of transactions that act on this one, as far as this group knows them (for views in the group). */
    final List<Long> related = new ArrayList<>(1);

    /** Whether the row is not in the database yet. */
    boolean isNew;
    /** Whether the row differs from the database (an update is due). */
    boolean dirty;
    /** The type/state the database row has now (null for a new one): what the totals move away from. */
    TxState storedState;

    private final PgBook book;

    PgTransaction(PgBook book, long id, int node, TxType type, String mti, String dialect, String terminal,
                  String merchant, String stan, String pan, long amount, long time, String keyText,
                  String discriminator) {
        this.book = book;
        this.id = id;
        this.node = node;
        this.type = type;
        this.mti = mti;
        this.dialect = dialect;
        this.terminal = terminal;
        this.merchant = merchant;
        this.stan = stan;
        this.pan = pan;
        this.amount = amount;
        this.time = time;
        this.keyText = keyText;
        this.discriminator = discriminator;
    }

    /** Checks a transition before anything moves (see {@link TxState#canBecome}). */
    void check(TxState next) {
        if (state != null && state != next && !state.canBecome(next)) {
            throw new IllegalStateException("transaction " + id + " cannot go from " + state + " to " + next);
        }
    }

    void moveTo(TxState next) {
        check(next);
        state = next;
        dirty = true;
    }

    void link(PgTransaction child) {
        child.originalId = id;
        child.dirty = true;
        if (!related.contains(child.id)) {
            related.add(child.id);
        }
    }

    TraceKey key() {
        return TraceKeyText.parse(keyText);
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
        return rrn;
    }

    @Override
    public String stan() {
        return stan;
    }

    @Override
    public String authCode() {
        return authCode < 0 ? null : Digits.pad(authCode, 6);
    }

    @Override
    public long amount() {
        return amount;
    }

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
        return discriminator;
    }

    @Override
    public long time() {
        return time;
    }

    @Override
    public Account account() {
        return pan == null ? null : book.lockedAccount(pan);
    }

    PgAccount pgAccount() {
        return pan == null ? null : book.lockedAccount(pan);
    }

    @Override
    public Transaction original() {
        return pgOriginal();
    }

    PgTransaction pgOriginal() {
        return originalId == 0 ? null : book.lockedTransaction(originalId);
    }

    @Override
    public int repeats() {
        return repeats;
    }

    @Override
    public TransactionView view() {
        List<Long> ids = new ArrayList<>(related.size() + 1);
        if (originalId != 0) {
            ids.add(originalId);
        }
        ids.addAll(related);
        return PgViews.view(id, node, type.name(), mti, dialect, terminal, merchant, stan, rrn, authCode(), amount,
                effective, responseCode, state == null ? null : state.name(), time, pan, batch, repeats, ids);
    }
}
