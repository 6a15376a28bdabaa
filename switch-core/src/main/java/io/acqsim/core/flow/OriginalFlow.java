package io.acqsim.core.flow;

import io.acqsim.core.ledger.Account;
import io.acqsim.core.ledger.Book;
import io.acqsim.core.ledger.Digits;
import io.acqsim.core.ledger.Transaction;
import io.acqsim.core.ledger.TxState;
import io.acqsim.core.reversal.KeyRules;
import io.acqsim.core.reversal.Target;
import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * Messages that start a transaction of their own: balance inquiry, authorization, completion,
 * pre-auth cancel, sale, void, completion void, refund. Steps: the late-original and duplicate
 * checks on the message's own key, card checks, find the original it names (if any), post.
 * Runs inside one {@link io.acqsim.core.ledger.LedgerStore#apply} call.
 */
final class OriginalFlow {
    private final String dialect;
    private final KeyRules keys;
    private final Policy policy;
    private final Clock clock;

    OriginalFlow(String dialect, KeyRules keys, Policy policy, Clock clock) {
        this.dialect = dialect;
        this.keys = keys;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * @param scriptedCode a response code a scripted rule imposes (journaled as a decline with no
     *                     ledger effect unless it is 00), or null
     */
    Outcome handle(Book book, Request r, String scriptedCode) {
        TraceKey key = keys.own(r.view());
        String batch = book.batchFor(dialect, r.terminal(), r.merchant(), keys.batch(r.view()));
        String discriminator = keys.duplicateDiscriminator(r.view());

        Transaction earlier = book.byKey(key);
        if (earlier != null) {
            Outcome seen = alreadySeen(book, r, earlier, discriminator, key, batch);
            if (seen != null) {
                return seen;
            }
        }
        Target named = target(r);
        Transaction target = named == null ? null : find(book, named);
        Account account = target != null && r.type() != TxType.REFUND ? target.account() : book.account(r.pan());
        Transaction t = book.record(r.type(), r.mti(), dialect, r.terminal(), r.merchant(), r.stan(), batch,
                account, Math.max(r.amount(), 0), key, discriminator);
        book.indexOriginal(t);
        if (named != null && target == null) {
            return Outcome.of(r, book.decline(t, "25", r.ownRrn()));
        }
        if (account == null) {
            return Outcome.of(r, book.decline(t, "14", r.ownRrn()));
        }
        if (scriptedCode != null && !"00".equals(scriptedCode)) {
            return Outcome.of(r, book.decline(t, scriptedCode, r.ownRrn()));
        }
        if (expired(r)) {
            return Outcome.of(r, book.decline(t, "54", r.ownRrn()));
        }
        return switch (r.type()) {
            case BALANCE -> balance(book, t, r);
            case SALE -> Outcome.of(r, book.postSale(t, r.ownRrn()));
            case AUTH -> Outcome.of(r, book.postAuth(t, r.ownRrn()));
            case COMPLETION -> completion(book, t, target, r);
            case AUTH_CANCEL -> cancel(book, t, target, r);
            case VOID, COMPLETION_VOID -> voidOf(book, t, target, r);
            case REFUND -> refund(book, t, target, named != null, r);
            default -> throw new IllegalStateException("not an original: " + r.type());
        };
    }

    /**
     * The message's key was used before: refused after a tombstone, a duplicate within the window,
     * an authorization repeat replayed; null when it is a new transaction reusing the STAN.
     */
    private Outcome alreadySeen(Book book, Request r, Transaction earlier, String discriminator, TraceKey key,
                                String batch) {
        if (earlier.state() == TxState.TOMBSTONE) {
            Transaction late = book.record(r.type(), r.mti(), dialect, r.terminal(), r.merchant(), r.stan(), batch,
                    null, Math.max(r.amount(), 0), key, discriminator);
            book.relate(earlier, late);
            return Outcome.of(r, book.decline(late, policy.lateOriginal(), r.ownRrn()));
        }
        if (r.isRepeat() && earlier.type() == r.type()) {
            return Outcome.replay(earlier);
        }
        boolean sameMessage = Objects.equals(earlier.discriminator(), discriminator)
                && clock.millis() - earlier.time() <= policy.duplicateWindow().toMillis();
        if (!sameMessage) {
            return null;
        }
        if (policy.replayDuplicates()) {
            return Outcome.replay(earlier);
        }
        Transaction dup = book.record(r.type(), r.mti(), dialect, r.terminal(), r.merchant(), r.stan(), batch,
                earlier.account(), Math.max(r.amount(), 0), null, discriminator);
        book.relate(earlier, dup);
        return Outcome.of(r, book.decline(dup, "94", r.ownRrn()));
    }

    private Target target(Request r) {
        return switch (r.type()) {
            case VOID, COMPLETION_VOID -> keys.voidTarget(r.view());
            case COMPLETION -> keys.completionTarget(r.view());
            case AUTH_CANCEL -> keys.cancelTarget(r.view());
            case REFUND -> keys.refundTarget(r.view());
            default -> null;
        };
    }

    /** The transaction a target names, or null: by key, or by RRN / approval code with their checks. */
    private Transaction find(Book book, Target target) {
        if (target.key() != null) {
            Transaction t = book.byKey(target.key());
            return t == null || t.state() == TxState.TOMBSTONE ? null : t;
        }
        var ref = target.reference();
        Transaction t = ref.rrn() != null ? book.byRrn(ref.rrn()) : book.byAuthCode(ref.pan(), ref.authCode());
        if (t == null || t.state() == TxState.TOMBSTONE) {
            return null;
        }
        if (ref.terminal() != null && !ref.terminal().equals(t.terminal())) {
            return null;
        }
        if (ref.rrn() != null && ref.authCode() != null && !ref.authCode().equals(t.authCode())) {
            return null;
        }
        if (ref.date() != null && !ref.date().equals(mmdd(t.time()))) {
            return null;
        }
        return t;
    }

    private String mmdd(long millis) {
        LocalDate d = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(millis), clock.getZone());
        return String.format("%02d%02d", d.getMonthValue(), d.getDayOfMonth());
    }

    private boolean expired(Request r) {
        String yymm = r.field(14);
        if (yymm == null || yymm.length() != 4 || !yymm.chars().allMatch(Character::isDigit)) {
            return false;
        }
        LocalDate today = LocalDate.now(clock);
        int card = Integer.parseInt(yymm);
        int now = (today.getYear() % 100) * 100 + today.getMonthValue();
        return card < now;
    }

    private Outcome balance(Book book, Transaction t, Request r) {
        book.approve(t, r.ownRrn());
        Account a = t.account();
        long available = a.available();
        String de54 = "00" + "02" + a.currency() + (available < 0 ? "D" : "C")
                + Digits.pad(Math.abs(available), 12);
        return Outcome.of(t, Map.of(54, de54));
    }

    private Outcome completion(Book book, Transaction t, Transaction auth, Request r) {
        if (auth == null || auth.type() != TxType.AUTH) {
            return Outcome.of(r, book.decline(t, "25", r.ownRrn()));
        }
        if (!auth.state().inEffect() || auth.state() == TxState.REFUNDED) {
            return Outcome.of(r, book.decline(t, "12", r.ownRrn()));
        }
        if (t.amount() > auth.effective()) {
            return Outcome.of(r, book.decline(t, "13", r.ownRrn()));
        }
        return Outcome.of(r, book.postCompletion(t, auth, r.ownRrn()));
    }

    private Outcome cancel(Book book, Transaction t, Transaction auth, Request r) {
        if (auth == null || auth.type() != TxType.AUTH) {
            return Outcome.of(r, book.decline(t, "25", r.ownRrn()));
        }
        if (book.isSettled(auth)) {
            return Outcome.of(r, book.decline(t, policy.afterSettlement(), r.ownRrn()));
        }
        if (auth.state() != TxState.APPROVED) {
            return Outcome.of(r, book.decline(t, "12", r.ownRrn()));
        }
        if (t.amount() != auth.amount()) {
            return Outcome.of(r, book.decline(t, "64", r.ownRrn()));
        }
        return Outcome.of(r, book.postCancel(t, auth, r.ownRrn()));
    }

    private Outcome voidOf(Book book, Transaction t, Transaction target, Request r) {
        TxType wanted = r.type() == TxType.VOID ? TxType.SALE : TxType.COMPLETION;
        if (target == null) {
            return Outcome.of(r, book.decline(t, "25", r.ownRrn()));
        }
        if (target.type() != wanted) {
            return Outcome.of(r, book.decline(t, "12", r.ownRrn()));
        }
        if (book.isSettled(target)) {
            return Outcome.of(r, book.decline(t, policy.afterSettlement(), r.ownRrn()));
        }
        if (target.state() != TxState.APPROVED || target.refunded() > 0) {
            return Outcome.of(r, book.decline(t, "12", r.ownRrn()));
        }
        if (t.amount() != target.amount()) {
            return Outcome.of(r, book.decline(t, "64", r.ownRrn()));
        }
        return Outcome.of(r, book.postVoid(t, target, r.ownRrn()));
    }

    private Outcome refund(Book book, Transaction t, Transaction target, boolean referenced, Request r) {
        if (!referenced) {
            return Outcome.of(r, book.postRefund(t, null, r.ownRrn()));
        }
        if (target == null) {
            return Outcome.of(r, book.decline(t, "25", r.ownRrn()));
        }
        if (target.type() != TxType.SALE && target.type() != TxType.COMPLETION || !target.state().inEffect()) {
            return Outcome.of(r, book.decline(t, "12", r.ownRrn()));
        }
        if (target.refunded() + t.amount() > target.effective()) {
            return Outcome.of(r, book.decline(t, "13", r.ownRrn()));
        }
        return Outcome.of(r, book.postRefund(t, target, r.ownRrn()));
    }
}
