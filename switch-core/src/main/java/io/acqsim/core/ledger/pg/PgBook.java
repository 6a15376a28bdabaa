package io.acqsim.core.ledger.pg;

import io.acqsim.core.ledger.Account;
import io.acqsim.core.ledger.Book;
import io.acqsim.core.ledger.Digits;
import io.acqsim.core.ledger.LedgerStore;
import io.acqsim.core.ledger.Money;
import io.acqsim.core.ledger.Transaction;
import io.acqsim.core.ledger.ReversalPlan;
import io.acqsim.core.ledger.TxState;
import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The PostgreSQL store's {@link Book}: one per group commit, shared by the units of work of the
 * group in their arrival order, on one database transaction.
 *
 * <p>Every look-up locks what it finds until the group commits: accounts and transactions with
 * {@code SELECT ... FOR UPDATE}, a trace key by upserting its row in {@code trace_keys} (so two
 * nodes racing on a new key meet on the primary key, and the later one waits for the earlier one's
 * commit and then sees its rows), a terminal's batch row {@code FOR SHARE} (settlement takes it
 * exclusively). So every unit that touches the same account, key, original or batch as a unit on
 * another node waits for that node's commit: per-key serialization across processes, by the
 * database. Rows found are kept in identity maps, so later units of the group see earlier units'
 * changes; the changes are written at {@link #flush} (batched), which also runs before any query
 * that must see them (RRN, approval code, batch totals).
 *
 * <p>The posting methods are the memory store's, check first and change second: a unit's changes
 * are all in memory until the flush, and a unit that fails makes the group start again without it.
 */
final class PgBook implements Book {
    private static final String COLUMNS = "id, node, type, mti, dialect, terminal, merchant, stan, batch, pan, amount,"
            + " effective, refunded, repeats, rrn, auth_code, response_code, state, trace_key, discriminator,"
            + " original_id, time";
    private static final String[] ORIGINAL_TYPES = java.util.Arrays.stream(TxType.values())
            .filter(TxType::isOriginal).map(Enum::name).toArray(String[]::new);

    private final PgLedger ledger;
    private final PgLedger.Lane lane;
    private final Connection c;
    private final Map<String, PgAccount> accounts = new HashMap<>();
    private final Map<Long, PgTransaction> transactions = new LinkedHashMap<>();
    private final Map<String, KeyRow> keys = new HashMap<>();
    private final Map<TerminalRef, BatchRow> batches = new HashMap<>();
    private final Map<BatchRef, Boolean> settled = new HashMap<>();
    private final Set<BatchRef> settledNow = new LinkedHashSet<>();
    private final Map<TxType, Map<TxState, long[]>> totals = new EnumMap<>(TxType.class);
    private boolean pending;

    /** A trace key's row: the latest original or tombstone under it, and the first approved reversal. */
    private static final class KeyRow {
        long txId;
        long reversalId;
        boolean dirty;
    }

    private record TerminalRef(String dialect, String terminal, String merchant) {
    }

    record BatchRef(String dialect, String terminal, String merchant, String batch) {
    }

    /** A terminal's implicit batch row; {@code exclusive} once settlement locked it for update. */
    private static final class BatchRow {
        int number;
        boolean exclusive;
        boolean dirty;
    }

    PgBook(PgLedger ledger, PgLedger.Lane lane, Connection c) {
        this.ledger = ledger;
        this.lane = lane;
        this.c = c;
    }

    private static String merchantKey(String merchant) {
        return merchant == null ? "" : merchant;
    }

    // ---- look-ups ----

    /**
     * Locks, in one query each and in a fixed order (which also makes deadlocks between nodes
     * rarer), the accounts the group's units name and their terminals' batch rows, so that most
     * units find them here instead of asking the database one by one. Cards that do not exist yet
     * are left to {@link #account}, which opens them.
     */
    void prefetch(List<LedgerStore.Hint> hints) {
        if (hints.isEmpty()) {
            return;
        }
        java.util.TreeSet<String> pans = new java.util.TreeSet<>();
        Set<TerminalRef> terminals = new java.util.TreeSet<>(java.util.Comparator.comparing(TerminalRef::dialect)
                .thenComparing(TerminalRef::terminal).thenComparing(TerminalRef::merchant));
        for (LedgerStore.Hint h : hints) {
            if (h.pan() != null && !accounts.containsKey(h.pan())) {
                pans.add(h.pan());
            }
            if (h.dialect() != null && h.terminal() != null) {
                TerminalRef ref = new TerminalRef(h.dialect(), h.terminal(), merchantKey(h.merchant()));
                if (!batches.containsKey(ref)) {
                    terminals.add(ref);
                }
            }
        }
        try {
            if (!pans.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pan, balance, holds, currency FROM accounts"
                        + " WHERE pan = ANY (?) ORDER BY pan FOR UPDATE")) {
                    ps.setArray(1, c.createArrayOf("varchar", pans.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String pan = rs.getString(1);
                            accounts.put(pan, new PgAccount(pan, rs.getLong(2), rs.getLong(3), rs.getString(4)));
                        }
                    }
                }
            }
            if (!terminals.isEmpty()) {
                String[] d = new String[terminals.size()];
                String[] t = new String[terminals.size()];
                String[] m = new String[terminals.size()];
                int i = 0;
                for (TerminalRef ref : terminals) {
                    d[i] = ref.dialect();
                    t[i] = ref.terminal();
                    m[i++] = ref.merchant();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT b.dialect, b.terminal, b.merchant, b.number"
                        + " FROM terminal_batches b JOIN unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS w(d, t, m)"
                        + " ON b.dialect = w.d AND b.terminal = w.t AND b.merchant = w.m"
                        + " ORDER BY b.dialect, b.terminal, b.merchant FOR SHARE OF b")) {
                    ps.setArray(1, c.createArrayOf("varchar", d));
                    ps.setArray(2, c.createArrayOf("varchar", t));
                    ps.setArray(3, c.createArrayOf("varchar", m));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            BatchRow row = new BatchRow();
                            row.number = rs.getInt(4);
                            batches.put(new TerminalRef(rs.getString(1), rs.getString(2), rs.getString(3)), row);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new PgStoreException(e);
        }
    }

    @Override
    public Account account(String pan) {
        return pan == null ? null : open(pan, ledger.autoCreate());
    }

    PgAccount lockedAccount(String pan) {
        return open(pan, false);
    }

    private PgAccount open(String pan, boolean create) {
        PgAccount a = accounts.get(pan);
        if (a != null) {
            return a;
        }
        try {
            a = selectAccount(pan);
            if (a == null && create) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO accounts (pan, balance, holds, currency) VALUES (?, ?, 0, ?) ON CONFLICT (pan) DO NOTHING")) {
                    ps.setString(1, pan);
                    ps.setLong(2, ledger.openingBalance());
                    ps.setString(3, ledger.currency());
                    ps.executeUpdate();
                }
                a = selectAccount(pan);
            }
        } catch (SQLException e) {
            throw new PgStoreException(e);
        }
        if (a != null) {
            accounts.put(pan, a);
        }
        return a;
    }

    private PgAccount selectAccount(String pan) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT balance, holds, currency FROM accounts WHERE pan = ? FOR UPDATE")) {
            ps.setString(1, pan);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new PgAccount(pan, rs.getLong(1), rs.getLong(2), rs.getString(3)) : null;
            }
        }
    }

    @Override
    public Transaction byKey(TraceKey key) {
        if (key == null) {
            return null;
        }
        KeyRow row = keyRow(TraceKeyText.format(key));
        return row.txId == 0 ? null : lockedTransaction(row.txId);
    }

    @Override
    public Transaction reversalOf(TraceKey key) {
        if (key == null) {
            return null;
        }
        KeyRow row = keyRow(TraceKeyText.format(key));
        return row.reversalId == 0 ? null : lockedTransaction(row.reversalId);
    }

    /** The key's row, locked: inserted when new, else its current (committed) values. */
    private KeyRow keyRow(String key) {
        KeyRow row = keys.get(key);
        if (row != null) {
            return row;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trace_keys (key) VALUES (?) ON CONFLICT (key)"
                + " DO UPDATE SET tx_id = trace_keys.tx_id RETURNING tx_id, reversal_id")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                row = new KeyRow();
                row.txId = rs.getLong(1);
                row.reversalId = rs.getLong(2);
            }
        } catch (SQLException e) {
            throw new PgStoreException(e);
        }
        keys.put(key, row);
        return row;
    }

    /** A transaction by id, locked; the group's own copy when it has one. */
    PgTransaction lockedTransaction(long id) {
        PgTransaction t = transactions.get(id);
        if (t != null) {
            return t;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM transactions WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            return one(ps);
        } catch (SQLException e) {
            throw new PgStoreException(e);
        }
    }

    private PgTransaction one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long id = rs.getLong(1);
            PgTransaction known = transactions.get(id);
            if (known != null) {
                return known;
            }
            PgTransaction t = read(rs);
            transactions.put(id, t);
            return t;
        }
    }

    private PgTransaction read(ResultSet rs) throws SQLException {
        PgTransaction t = new PgTransaction(this, rs.getLong(1), rs.getInt(2), TxType.valueOf(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(10),
                rs.getLong(11), rs.getLong(22), rs.getString(19), rs.getString(20));
        t.batch = rs.getString(9);
        t.effective = rs.getLong(12);
        t.refunded = rs.getLong(13);
        t.repeats = rs.getInt(14);
        t.rrn = rs.getString(15);
        int auth = rs.getInt(16);
        t.authCode = rs.wasNull() ? -1 : auth;
        t.responseCode = rs.getString(17);
        t.state = TxState.valueOf(rs.getString(18));
        t.storedState = t.state;
        t.originalId = rs.getLong(21);
        return t;
    }

    @Override
    public Transaction byRrn(String rrn) {
        if (rrn == null) {
            return null;
        }
        flush();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM transactions WHERE rrn = ?"
                + " AND response_code = '00' AND type = ANY (?) ORDER BY time DESC, id DESC LIMIT 1 FOR UPDATE")) {
            ps.setString(1, rrn);
            ps.setArray(2, c.createArrayOf("varchar", ORIGINAL_TYPES));
            return one(ps);
        } catch (SQLException e) {
            throw new PgStoreException(e);
        }
    }

    @Override
    public Transaction byAuthCode(String pan, String authCode) {
        if (pan == null || authCode == null || authCode.length() != 6 || !authCode.chars().allMatch(Character::isDigit)) {
            return null;
        }
        flush();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM transactions WHERE pan = ?"
                + " AND auth_code = ? AND type = 'AUTH' AND response_code = '00' ORDER BY time DESC, id DESC LIMIT 1"
                + " FOR UPDATE")) {
            ps.setString(1, pan);
            ps.setInt(2, Integer.parseInt(authCode));
            return one(ps);
        } catch (SQLException e) {
            throw new PgStoreException(e);
        }
    }

    @Override
    public boolean isSettled(Transaction t) {
        PgTransaction p = (PgTransaction) t;
        if (p.batch == null) {
            return false;
        }
        BatchRef ref = new BatchRef(p.dialect, p.terminal, merchantKey(p.merchant), p.batch);
        Boolean known = settled.get(ref);
        if (known != null) {
            return known;
        }
        batchRow(new TerminalRef(p.dialect, p.terminal, ref.merchant()), false);
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM settled_batches WHERE dialect = ? AND terminal = ?"
                + " AND merchant = ? AND batch = ?")) {
            ps.setString(1, ref.dialect());
            ps.setString(2, ref.terminal());
            ps.setString(3, ref.merchant());
            ps.setString(4, ref.batch());
            try (ResultSet rs = ps.executeQuery()) {
                boolean s = rs.next();
                settled.put(ref, s);
                return s;
            }
        } catch (SQLException e) {
            throw new PgStoreException(e);
        }
    }

    @Override
    public String batchFor(String dialect, String terminal, String merchant, String terminalBatch) {
        if (terminalBatch != null) {
            return terminalBatch;
        }
        int n = batchRow(new TerminalRef(dialect, terminal, merchantKey(merchant)), false).number;
        return Digits.pad(n, 6);
    }

    /**
     * A terminal's batch row, locked: shared for messages that belong to the batch or check whether
     * it was settled, exclusive for the settlement that closes it.
     */
    private BatchRow batchRow(TerminalRef ref, boolean exclusive) {
        BatchRow row = batches.get(ref);
        if (row != null && (row.exclusive || !exclusive)) {
            return row;
        }
        try {
            if (exclusive) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO terminal_batches (dialect, terminal, merchant,"
                        + " number) VALUES (?, ?, ?, 1) ON CONFLICT (dialect, terminal, merchant) DO UPDATE SET number ="
                        + " terminal_batches.number RETURNING number")) {
                    bindTerminal(ps, ref);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        row = row == null ? new BatchRow() : row;
                        row.number = rs.getInt(1);
                        row.exclusive = true;
                    }
                }
            } else {
                Integer n = selectBatchShared(ref);
                if (n == null) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO terminal_batches (dialect, terminal,"
                            + " merchant, number) VALUES (?, ?, ?, 1) ON CONFLICT (dialect, terminal, merchant) DO NOTHING")) {
                        bindTerminal(ps, ref);
                        ps.executeUpdate();
                    }
                    n = selectBatchShared(ref);
                }
                row = new BatchRow();
                row.number = n;
            }
        } catch (SQLException e) {
            throw new PgStoreException(e);
        }
        batches.put(ref, row);
        return row;
    }

    private Integer selectBatchShared(TerminalRef ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT number FROM terminal_batches WHERE dialect = ?"
                + " AND terminal = ? AND merchant = ? FOR SHARE")) {
            bindTerminal(ps, ref);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private static void bindTerminal(PreparedStatement ps, TerminalRef ref) throws SQLException {
        ps.setString(1, ref.dialect());
        ps.setString(2, ref.terminal() == null ? "" : ref.terminal());
        ps.setString(3, ref.merchant());
    }

    @Override
    public BatchTotals batchTotals(String dialect, String terminal, String merchant, String batch) {
        batchRow(new TerminalRef(dialect, terminal, merchantKey(merchant)), true);
        flush();
        long debitAmount = 0;
        int debitCount = 0;
        long creditAmount = 0;
        int creditCount = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT type, count(*), coalesce(sum(effective), 0) FROM transactions"
                + " WHERE dialect = ? AND terminal = ? AND batch = ? AND merchant IS NOT DISTINCT FROM ?"
                + " AND state IN ('APPROVED', 'PARTIALLY_REVERSED', 'REFUNDED')"
                + " AND type IN ('SALE', 'COMPLETION', 'REFUND') GROUP BY type")) {
            ps.setString(1, dialect);
            ps.setString(2, terminal);
            ps.setString(3, batch);
            ps.setString(4, merchant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if ("REFUND".equals(rs.getString(1))) {
                        creditCount += rs.getInt(2);
                        creditAmount += rs.getLong(3);
                    } else {
                        debitCount += rs.getInt(2);
                        debitAmount += rs.getLong(3);
                    }
                }
            }
        } catch (SQLException e) {
            throw new PgStoreException(e);
        }
        return new BatchTotals(debitAmount, debitCount, creditAmount, creditCount);
    }

    // ---- journal entries ----

    @Override
    public Transaction record(TxType type, String mti, String dialect, String terminal, String merchant, String stan,
                              String batch, Account account, long amount, TraceKey key, String discriminator) {
        PgTransaction t = new PgTransaction(this, lane.nextId(c), ledger.node(), type, mti, dialect, terminal, merchant,
                stan, account == null ? null : account.pan(), amount, ledger.now(), TraceKeyText.format(key),
                discriminator);
        t.batch = batch;
        t.isNew = true;
        transactions.put(t.id, t);
        pending = true;
        return t;
    }

    @Override
    public Transaction decline(Transaction t, String responseCode, String requestRrn) {
        PgTransaction e = (PgTransaction) t;
        e.check(TxState.DECLINED);
        e.responseCode = responseCode;
        assignRrn(e, requestRrn);
        e.moveTo(TxState.DECLINED);
        return e;
    }

    private void assignRrn(PgTransaction t, String requestRrn) {
        t.rrn = requestRrn != null ? requestRrn : lane.nextRrn(c);
        t.dirty = true;
    }

    @Override
    public Transaction approve(Transaction t, String requestRrn) {
        PgTransaction e = (PgTransaction) t;
        e.check(TxState.APPROVED);
        approveChecked(e, requestRrn);
        return e;
    }

    private void approveChecked(PgTransaction e, String requestRrn) {
        e.responseCode = "00";
        assignRrn(e, requestRrn);
        e.authCode = lane.nextAuthCode(c);
        e.effective = e.amount;
        e.moveTo(TxState.APPROVED);
    }

    @Override
    public void indexOriginal(Transaction t) {
        PgTransaction e = (PgTransaction) t;
        if (e.keyText != null) {
            KeyRow row = keyRow(e.keyText);
            row.txId = e.id;
            row.dirty = true;
            pending = true;
        }
    }

    private void indexReversal(PgTransaction rv) {
        if (rv.keyText != null) {
            KeyRow row = keyRow(rv.keyText);
            if (row.reversalId == 0) {
                row.reversalId = rv.id;
                row.dirty = true;
                pending = true;
            }
        }
    }

    @Override
    public void relate(Transaction to, Transaction entry) {
        ((PgTransaction) to).link((PgTransaction) entry);
    }

    // ---- originals ----

    @Override
    public Transaction postSale(Transaction t, String requestRrn) {
        PgTransaction e = (PgTransaction) t;
        PgAccount a = e.pgAccount();
        e.check(TxState.APPROVED);
        if (a.available() < e.amount) {
            return decline(e, "51", requestRrn);
        }
        if (!Money.isAmount(e.amount) || !Money.canMoveBalance(a.balance, -e.amount)) {
            return decline(e, Money.OUT_OF_RANGE, requestRrn);
        }
        a.debit(e.amount);
        approveChecked(e, requestRrn);
        return e;
    }

    @Override
    public Transaction postAuth(Transaction t, String requestRrn) {
        PgTransaction e = (PgTransaction) t;
        PgAccount a = e.pgAccount();
        e.check(TxState.APPROVED);
        if (a.available() < e.amount) {
            return decline(e, "51", requestRrn);
        }
        if (!Money.isAmount(e.amount) || !Money.canMoveHolds(a.holds, e.amount)) {
            return decline(e, Money.OUT_OF_RANGE, requestRrn);
        }
        a.hold(e.amount);
        approveChecked(e, requestRrn);
        return e;
    }

    @Override
    public Transaction postCompletion(Transaction completion, Transaction auth, String requestRrn) {
        PgTransaction c1 = (PgTransaction) completion;
        PgTransaction a = (PgTransaction) auth;
        PgAccount authAccount = a.pgAccount();
        PgAccount account = c1.pgAccount();
        a.check(TxState.COMPLETED);
        c1.check(TxState.APPROVED);
        if (!Money.isAmount(c1.amount) || !Money.canMoveHolds(authAccount.holds, -a.effective)
                || !Money.canMoveBalance(account.balance, -c1.amount)) {
            return decline(c1, Money.OUT_OF_RANGE, requestRrn);
        }
        authAccount.release(a.effective);
        a.moveTo(TxState.COMPLETED);
        account.debit(c1.amount);
        a.link(c1);
        approveChecked(c1, requestRrn);
        return c1;
    }

    @Override
    public Transaction postCancel(Transaction cancel, Transaction auth, String requestRrn) {
        PgTransaction c1 = (PgTransaction) cancel;
        PgTransaction a = (PgTransaction) auth;
        PgAccount authAccount = a.pgAccount();
        a.check(TxState.CANCELLED);
        c1.check(TxState.APPROVED);
        if (!Money.canMoveHolds(authAccount.holds, -a.effective)) {
            return decline(c1, Money.OUT_OF_RANGE, requestRrn);
        }
        authAccount.release(a.effective);
        a.moveTo(TxState.CANCELLED);
        a.link(c1);
        approveChecked(c1, requestRrn);
        return c1;
    }

    @Override
    public Transaction postVoid(Transaction v, Transaction target, String requestRrn) {
        PgTransaction vd = (PgTransaction) v;
        PgTransaction s = (PgTransaction) target;
        PgTransaction auth = s.type == TxType.COMPLETION ? s.pgOriginal() : null;
        PgAccount account = s.pgAccount();
        PgAccount authAccount = auth == null ? null : auth.pgAccount();
        s.check(TxState.VOIDED);
        vd.check(TxState.APPROVED);
        if (auth != null) {
            auth.check(TxState.APPROVED);
        }
        if (!Money.canMoveBalance(account.balance, s.effective)
                || auth != null && !Money.canMoveHolds(authAccount.holds, auth.effective)) {
            return decline(vd, Money.OUT_OF_RANGE, requestRrn);
        }
        account.credit(s.effective);
        s.moveTo(TxState.VOIDED);
        if (auth != null) {
            reinstate(auth);
        }
        s.link(vd);
        approveChecked(vd, requestRrn);
        return vd;
    }

    @Override
    public Transaction postRefund(Transaction r, Transaction target, String requestRrn) {
        PgTransaction rf = (PgTransaction) r;
        PgTransaction s = (PgTransaction) target;
        PgAccount account = rf.pgAccount();
        rf.check(TxState.APPROVED);
        boolean full = s != null && s.refunded + rf.amount >= s.effective;
        if (full) {
            s.check(TxState.REFUNDED);
        }
        if (!Money.isAmount(rf.amount) || !Money.canMoveBalance(account.balance, rf.amount)) {
            return decline(rf, Money.OUT_OF_RANGE, requestRrn);
        }
        account.credit(rf.amount);
        if (s != null) {
            s.refunded += rf.amount;
            s.dirty = true;
            if (full) {
                s.moveTo(TxState.REFUNDED);
            }
            s.link(rf);
        }
        approveChecked(rf, requestRrn);
        return rf;
    }

    /** An authorization back in force after its completion or cancel was undone: the hold returns. Checked by the caller. */
    private void reinstate(PgTransaction auth) {
        auth.pgAccount().hold(auth.effective);
        auth.moveTo(TxState.APPROVED);
    }

    // ---- reversals ----

    @Override
    public Transaction reverse(Transaction reversal, Transaction target, long remaining, String requestRrn) {
        PgTransaction rv = (PgTransaction) reversal;
        PgTransaction t = (PgTransaction) target;
        TxState next = remaining == 0 ? TxState.REVERSED : TxState.PARTIALLY_REVERSED;
        t.check(next);
        rv.check(TxState.APPROVED);
        PgAccount acct = t.pgAccount();
        ReversalPlan<PgTransaction> plan = ReversalPlan.of(t, remaining, PgTransaction::pgOriginal,
                PgTransaction::check);
        if (!plan.fits(acct)) {
            t.link(rv);
            return decline(rv, Money.OUT_OF_RANGE, requestRrn);
        }
        // ---- changes ----
        if (acct != null) {
            acct.credit(plan.balanceDelta());
            acct.hold(plan.holdsDelta());
        }
        if (plan.reinstated() != null) {
            plan.reinstated().moveTo(TxState.APPROVED);
        }
        if (plan.redone() != null) {
            plan.redone().moveTo(TxState.APPROVED);
        }
        if (plan.completedAgain() != null) {
            plan.completedAgain().moveTo(TxState.COMPLETED);
        }
        t.effective = remaining;
        t.moveTo(next);
        t.link(rv);
        approveChecked(rv, requestRrn);
        indexReversal(rv);
        return rv;
    }

    @Override
    public Transaction reverseNothing(Transaction reversal, Transaction target, String requestRrn) {
        PgTransaction rv = (PgTransaction) reversal;
        rv.check(TxState.APPROVED);
        ((PgTransaction) target).link(rv);
        approveChecked(rv, requestRrn);
        indexReversal(rv);
        return rv;
    }

    @Override
    public Transaction tombstone(Transaction reversal, String responseCode, String requestRrn) {
        PgTransaction rv = (PgTransaction) reversal;
        rv.check(TxState.TOMBSTONE);
        rv.responseCode = responseCode;
        assignRrn(rv, requestRrn);
        if ("00".equals(responseCode)) {
            rv.authCode = lane.nextAuthCode(c);
        }
        rv.moveTo(TxState.TOMBSTONE);
        indexOriginal(rv);
        indexReversal(rv);
        return rv;
    }

    @Override
    public void repeated(Transaction reversal) {
        PgTransaction rv = (PgTransaction) reversal;
        rv.repeats++;
        rv.dirty = true;
        pending = true;
    }

    // ---- settlement ----

    @Override
    public void settle(String dialect, String terminal, String merchant, String batch, boolean implicitBatch) {
        TerminalRef terminalRef = new TerminalRef(dialect, terminal, merchantKey(merchant));
        BatchRef ref = new BatchRef(dialect, terminal, merchantKey(merchant), batch);
        BatchRow row = batchRow(terminalRef, true);
        settled.put(ref, true);
        settledNow.add(ref);
        if (implicitBatch) {
            row.number++;
            row.dirty = true;
        }
        pending = true;
    }

    // ---- writing ----

    /** Writes every change of the group so far to the database transaction (not committed). */
    void flush() {
        boolean anyTransaction = false;
        for (PgTransaction t : transactions.values()) {
            if (t.isNew || t.dirty) {
                anyTransaction = true;
                break;
            }
        }
        if (!pending && !anyTransaction && accounts.values().stream().noneMatch(a -> a.dirty)) {
            return;
        }
        try {
            insertAndUpdateTransactions();
            updateAccounts();
            writeKeys();
            writeBatches();
        } catch (SQLException e) {
            throw new PgStoreException(e);
        }
        pending = false;
    }

    private void insertAndUpdateTransactions() throws SQLException {
        List<PgTransaction> fresh = new ArrayList<>();
        List<PgTransaction> changed = new ArrayList<>();
        for (PgTransaction t : transactions.values()) {
            if (t.isNew) {
                fresh.add(t);
            } else if (t.dirty) {
                changed.add(t);
            }
        }
        if (!fresh.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO transactions (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (PgTransaction t : fresh) {
                    ps.setLong(1, t.id);
                    ps.setInt(2, t.node);
                    ps.setString(3, t.type.name());
                    ps.setString(4, t.mti);
                    ps.setString(5, t.dialect);
                    ps.setString(6, t.terminal);
                    ps.setString(7, t.merchant);
                    ps.setString(8, t.stan);
                    ps.setString(9, t.batch);
                    ps.setString(10, t.pan);
                    ps.setLong(11, t.amount);
                    ps.setLong(12, t.effective);
                    ps.setLong(13, t.refunded);
                    ps.setInt(14, t.repeats);
                    ps.setString(15, t.rrn);
                    setAuth(ps, 16, t.authCode);
                    ps.setString(17, t.responseCode);
                    ps.setString(18, t.state.name());
                    ps.setString(19, t.keyText);
                    ps.setString(20, t.discriminator);
                    setId(ps, 21, t.originalId);
                    ps.setLong(22, t.time);
                    ps.addBatch();
                    count(t.type, t.state, 1, t.amount);
                }
                ps.executeBatch();
            }
            for (PgTransaction t : fresh) {
                t.isNew = false;
                t.dirty = false;
                t.storedState = t.state;
            }
        }
        if (!changed.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE transactions SET batch = ?, effective = ?, refunded = ?,"
                    + " repeats = ?, rrn = ?, auth_code = ?, response_code = ?, state = ?, original_id = ? WHERE id = ?")) {
                for (PgTransaction t : changed) {
                    ps.setString(1, t.batch);
                    ps.setLong(2, t.effective);
                    ps.setLong(3, t.refunded);
                    ps.setInt(4, t.repeats);
                    ps.setString(5, t.rrn);
                    setAuth(ps, 6, t.authCode);
                    ps.setString(7, t.responseCode);
                    ps.setString(8, t.state.name());
                    setId(ps, 9, t.originalId);
                    ps.setLong(10, t.id);
                    ps.addBatch();
                    if (t.storedState != t.state) {
                        count(t.type, t.storedState, -1, -t.amount);
                        count(t.type, t.state, 1, t.amount);
                    }
                }
                ps.executeBatch();
            }
            for (PgTransaction t : changed) {
                t.dirty = false;
                t.storedState = t.state;
            }
        }
    }

    private static void setAuth(PreparedStatement ps, int i, int authCode) throws SQLException {
        if (authCode < 0) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, authCode);
        }
    }

    private static void setId(PreparedStatement ps, int i, long id) throws SQLException {
        if (id == 0) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, id);
        }
    }

    private void count(TxType type, TxState state, long n, long amount) {
        long[] cell = totals.computeIfAbsent(type, k -> new EnumMap<>(TxState.class))
                .computeIfAbsent(state, k -> new long[2]);
        cell[0] += n;
        cell[1] += amount;
    }

    private void updateAccounts() throws SQLException {
        List<PgAccount> dirty = accounts.values().stream().filter(a -> a.dirty).toList();
        if (dirty.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET balance = ?, holds = ? WHERE pan = ?")) {
            for (PgAccount a : dirty) {
                ps.setLong(1, a.balance);
                ps.setLong(2, a.holds);
                ps.setString(3, a.pan());
                ps.addBatch();
                a.dirty = false;
            }
            ps.executeBatch();
        }
    }

    private void writeKeys() throws SQLException {
        List<Map.Entry<String, KeyRow>> dirty = keys.entrySet().stream().filter(e -> e.getValue().dirty).toList();
        if (dirty.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE trace_keys SET tx_id = ?, reversal_id = ? WHERE key = ?")) {
            for (Map.Entry<String, KeyRow> e : dirty) {
                setId(ps, 1, e.getValue().txId);
                setId(ps, 2, e.getValue().reversalId);
                ps.setString(3, e.getKey());
                ps.addBatch();
                e.getValue().dirty = false;
            }
            ps.executeBatch();
        }
    }

    private void writeBatches() throws SQLException {
        if (!settledNow.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO settled_batches (dialect, terminal, merchant, batch,"
                    + " settled_at, node) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (BatchRef ref : settledNow) {
                    ps.setString(1, ref.dialect());
                    ps.setString(2, ref.terminal() == null ? "" : ref.terminal());
                    ps.setString(3, ref.merchant());
                    ps.setString(4, ref.batch());
                    ps.setLong(5, ledger.now());
                    ps.setInt(6, ledger.node());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            settledNow.clear();
        }
        List<Map.Entry<TerminalRef, BatchRow>> dirty = batches.entrySet().stream().filter(e -> e.getValue().dirty).toList();
        if (!dirty.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE terminal_batches SET number = ? WHERE dialect = ?"
                    + " AND terminal = ? AND merchant = ?")) {
                for (Map.Entry<TerminalRef, BatchRow> e : dirty) {
                    ps.setInt(1, e.getValue().number);
                    ps.setString(2, e.getKey().dialect());
                    ps.setString(3, e.getKey().terminal() == null ? "" : e.getKey().terminal());
                    ps.setString(4, e.getKey().merchant());
                    ps.addBatch();
                    e.getValue().dirty = false;
                }
                ps.executeBatch();
            }
        }
    }

    /** Adds this group's changes to the node's rows of {@code ledger_totals}; call after the last flush. */
    void writeTotals() {
        if (totals.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_totals (node, type, state, count, amount)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (node, type, state) DO UPDATE SET count = ledger_totals.count"
                + " + EXCLUDED.count, amount = ledger_totals.amount + EXCLUDED.amount")) {
            for (Map.Entry<TxType, Map<TxState, long[]>> byType : totals.entrySet()) {
                for (Map.Entry<TxState, long[]> cell : byType.getValue().entrySet()) {
                    if (cell.getValue()[0] == 0 && cell.getValue()[1] == 0) {
                        continue;
                    }
                    ps.setInt(1, ledger.node());
                    ps.setString(2, byType.getKey().name());
                    ps.setString(3, cell.getKey().name());
                    ps.setLong(4, cell.getValue()[0]);
                    ps.setLong(5, cell.getValue()[1]);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new PgStoreException(e);
        }
        totals.clear();
    }

    /** Whether {@code a} and {@code b} name the same stored key (for tests). */
    static boolean sameKey(TraceKey a, TraceKey b) {
        return Objects.equals(TraceKeyText.format(a), TraceKeyText.format(b));
    }
}
