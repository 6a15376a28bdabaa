package io.acqsim.core.ledger;

import io.acqsim.core.reversal.CupTraceKey;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.reversal.Stan;
import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.agrona.collections.LongArrayList;

/**
 * A handle on one row of the {@link Journal}: what a unit of work holds for a transaction it
 * looked up or recorded. The handle is a few words on the young heap; the row itself is a slot of
 * primitive columns. Read and changed only by a unit holding the row's stripe (see
 * {@link MemoryBook}); outside it, {@link #view()} copies it.
 *
 * <p>The {@code meta} column packs the type, the state, the stripe, the response code's number and
 * the flags below; the rarely needed rest lives in an {@link Extra} beside the row.
 */
final class Row implements Transaction {
    private static final TxType[] TYPES = TxType.values();
    private static final TxState[] STATES = TxState.values();
    private static final long AUTH_CODES = 1_000_000;

    static final int STATE_SHIFT = 4;
    static final int STRIPE_SHIFT = 8;
    static final int CODE_SHIFT = 14;
    /** The code number that says "in the extra" (the code table is full). */
    static final int CODE_EXTRA = 0xFF;
    /** An approved original findable by its RRN. */
    static final int RRN_INDEXED = 1 << 22;
    /** An approved authorization findable by card and approval code. */
    static final int AUTH_INDEXED = 1 << 23;
    /** Forgotten: beyond the retention, or taken out again by a failed unit. */
    static final int EVICTED = 1 << 24;
    /** Put in its stripe's key index (latest original or tombstone per key). */
    static final int KEYED = 1 << 25;
    /** Its key is made of its own dialect or batch, terminal, merchant and STAN. */
    static final int KEY_OWN = 1 << 26;
    /** Its own key is a CUP key (batch-scoped), not an ISO one. */
    static final int KEY_CUP = 1 << 27;
    /** It has an {@link Extra}. */
    static final int EXTRA = 1 << 28;
    /** It has an approval code (the last six digits of its id). */
    static final int AUTH_CODE = 1 << 29;
    /** Its RRN is the host's, made from its id. */
    static final int HOST_RRN = 1 << 30;
    /** Put in its stripe's reversal index (first approved reversal per original key). */
    static final int REVERSAL_INDEXED = 1 << 31;

    final MemoryLedger ledger;
    /** Where the handle points. A handle given out never moves; a book's scratch handles do ({@link #moveTo(Journal.Chunk, int, long)}). */
    Journal.Chunk c;
    int i;
    int slot;
    long id;

    Row(MemoryLedger ledger, Journal.Chunk chunk, int slot, long id) {
        this.ledger = ledger;
        moveTo(chunk, slot, id);
    }

    /** Points this handle at another row: only for a book's own scratch handles, which never leave it. */
    Row moveTo(Journal.Chunk chunk, int slot, long id) {
        this.c = chunk;
        this.slot = slot;
        this.i = Journal.index(slot);
        this.id = id;
        return this;
    }

    static int stripeOf(int meta) {
        return meta >>> STRIPE_SHIFT & 63;
    }

    // ---- flags and the extra ----

    boolean has(int flag) {
        return (c.meta[i] & flag) != 0;
    }

    void set(int flag) {
        c.meta[i] |= flag;
    }

    int stripe() {
        return stripeOf(c.meta[i]);
    }

    Stripe home() {
        return ledger.stripes[stripe()];
    }

    /** The row's extra, or null when it has none. */
    Extra extra() {
        return has(EXTRA) ? home().extras.get(id) : null;
    }

    /** The row's extra, made if need be. */
    Extra extraToWrite() {
        Extra e = extra();
        if (e == null) {
            e = new Extra();
            home().extras.put(id, e);
            set(EXTRA);
        }
        return e;
    }

    // ---- what the unit of work sees ----

    @Override
    public long id() {
        return id;
    }

    @Override
    public TxType type() {
        return TYPES[c.meta[i] & 0xF];
    }

    @Override
    public TxState state() {
        int s = c.meta[i] >>> STATE_SHIFT & 0xF;
        return s == 0 ? null : STATES[s - 1];
    }

    /** Throws unless this row may move to {@code next} ({@link TxState#canBecome}); changes nothing. */
    void check(TxState next) {
        TxState state = state();
        if (state != null && !state.canBecome(next)) {
            throw new IllegalStateException("transaction " + id + " cannot go from " + state + " to " + next);
        }
    }

    void moveTo(TxState next) {
        check(next);
        c.meta[i] = c.meta[i] & ~(0xF << STATE_SHIFT) | (next.ordinal() + 1) << STATE_SHIFT;
    }

    @Override
    public String responseCode() {
        int n = c.meta[i] >>> CODE_SHIFT & 0xFF;
        if (n == 0) {
            return null;
        }
        if (n != CODE_EXTRA) {
            return ledger.codes.get(n);
        }
        Extra e = extra();
        return e == null ? null : e.responseCode;
    }

    void responseCode(String code) {
        int n = code == null ? 0 : ledger.codes.of(code);
        if (n < 0) {
            extraToWrite().responseCode = code;
            n = CODE_EXTRA;
        }
        c.meta[i] = c.meta[i] & ~(0xFF << CODE_SHIFT) | n << CODE_SHIFT;
    }

    @Override
    public boolean approved() {
        return "00".equals(responseCode());
    }

    @Override
    public String rrn() {
        if (has(HOST_RRN)) {
            return Digits.pad(ledger.hostRrn(id), 12);
        }
        Extra e = extra();
        return e == null ? null : e.rrn;
    }

    @Override
    public long rrnNumber() {
        return has(HOST_RRN) ? ledger.hostRrn(id) : Transaction.super.rrnNumber();
    }

    /** The request's own RRN when it carried one, else the host's. */
    void assignRrn(String requestRrn) {
        if (requestRrn != null) {
            extraToWrite().rrn = requestRrn;
            c.meta[i] &= ~HOST_RRN;
        } else {
            set(HOST_RRN);
            Extra e = extra();
            if (e != null) {
                e.rrn = null;
            }
        }
    }

    /** The approval code is the id's last six digits. */
    void giveAuthCode() {
        set(AUTH_CODE);
    }

    @Override
    public String authCode() {
        return has(AUTH_CODE) ? Digits.pad(id % AUTH_CODES, 6) : null;
    }

    @Override
    public long authCodeNumber() {
        return has(AUTH_CODE) ? id % AUTH_CODES : -1;
    }

    @Override
    public String stan() {
        int n = c.stan[i];
        Extra e = n == Stan.NOT_NUMERIC || has(EXTRA) ? extra() : null;
        String residue = e == null ? null : e.stan;
        return n == Stan.NOT_NUMERIC && residue == null ? null : Stan.text(n, residue);
    }

    String stanResidue() {
        Extra e = extra();
        return e == null ? null : e.stan;
    }

    String mti() {
        int m = c.mti[i];
        if (m >= 0) {
            return Digits.pad(m, 4);
        }
        Extra e = extra();
        return e == null ? null : e.mti;
    }

    @Override
    public long amount() {
        return c.amount[i];
    }

    @Override
    public long effective() {
        return c.effective[i];
    }

    void effective(long value) {
        c.effective[i] = value;
    }

    @Override
    public long refunded() {
        Extra e = extra();
        return e == null ? 0 : e.refunded;
    }

    Site site() {
        int n = c.site[i];
        if (n >= 0) {
            return ledger.sites.get(n);
        }
        Extra e = extra();
        return e == null ? new Site(null, null, null) : e.site;
    }

    /** The site number in the ledger's table, or -1 when the row keeps its site in its extra. */
    int siteNumber() {
        return c.site[i];
    }

    String dialect() {
        return site().dialect();
    }

    @Override
    public String terminal() {
        return site().terminal();
    }

    @Override
    public String merchant() {
        return site().merchant();
    }

    /** The batch as a six-digit number, or -1 (none, or kept as text in the extra). */
    int batchNumber() {
        return c.batch[i];
    }

    @Override
    public String batch() {
        int b = c.batch[i];
        if (b >= 0) {
            return Digits.pad(b, 6);
        }
        Extra e = extra();
        return e == null ? null : e.batch;
    }

    @Override
    public String discriminator() {
        int d = c.discriminator[i];
        if (d >= 0) {
            return Digits.pad(d, 10);
        }
        Extra e = extra();
        return e == null ? null : e.discriminator;
    }

    @Override
    public long time() {
        return c.time[i];
    }

    @Override
    public AccountRecord account() {
        int a = c.account[i];
        return a < 0 ? null : ledger.accountAt(a);
    }

    /** The id of the transaction this one acts on, or 0. */
    long originalId() {
        int delta = c.original[i];
        return delta == 0 ? 0 : id - delta;
    }

    @Override
    public Row original() {
        long o = originalId();
        return o == 0 ? null : ledger.rowIfPresent(o);
    }

    @Override
    public int repeats() {
        Extra e = extra();
        return e == null ? 0 : e.repeats;
    }

    /** Makes {@code child} act on this row: its original is this, and this lists it. */
    void link(Row child) {
        long delta = child.id - id;
        child.c.original[child.i] = delta > 0 && delta <= Integer.MAX_VALUE ? (int) delta : 0;
        Extra e = extraToWrite();
        if (e.related == null) {
            e.related = new LongArrayList(2, 0);
        }
        e.related.addLong(child.id);
    }

    /** Undoes {@link #link} for a child taken out again. */
    void unlink(long childId) {
        Extra e = extra();
        if (e != null && e.related != null) {
            e.related.removeLong(childId);
        }
    }

    // ---- its key ----

    /** Whether this row's key equals {@code key}; the hash was compared by the caller. */
    boolean keyIs(TraceKey key) {
        if (!has(KEY_OWN)) {
            Extra e = extra();
            return e != null && key.equals(e.key);
        }
        if (has(KEY_CUP) != key instanceof CupTraceKey) {
            return false;
        }
        Site site = site();
        return c.stan[i] == key.stanNumber() && Objects.equals(stanResidue(), key.stanResidue())
                && Objects.equals(key.terminal(), site.terminal()) && Objects.equals(key.merchant(), site.merchant())
                && (key instanceof IsoTraceKey iso ? iso.dialect().equals(site.dialect())
                : Objects.equals(((CupTraceKey) key).batch(), batch()));
    }

    /** The key the terminal names this transaction by, or null. */
    TraceKey key() {
        if (!has(KEY_OWN)) {
            Extra e = extra();
            return e == null ? null : e.key;
        }
        Site site = site();
        return has(KEY_CUP) ? new CupTraceKey(site.terminal(), site.merchant(), batch(), stan())
                : new IsoTraceKey(site.dialect(), site.terminal(), site.merchant(), stan());
    }

    @Override
    public TransactionView view() {
        List<Long> ids = new ArrayList<>();
        long o = originalId();
        if (o != 0) {
            ids.add(o);
        }
        Extra e = extra();
        if (e != null && e.related != null) {
            for (int k = 0; k < e.related.size(); k++) {
                ids.add(e.related.getLong(k));
            }
        }
        Site site = site();
        AccountRecord account = account();
        return new TransactionView(id, type().name(), mti(), site.dialect(), site.terminal(), site.merchant(), stan(),
                rrn(), authCode(), amount(), effective(), responseCode(), state().name(), time(),
                account == null ? null : account.pan(), batch(), repeats(), ids);
    }
}
