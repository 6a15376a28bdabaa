package io.acqsim.core.flow;

import io.acqsim.codec.field.De95;
import io.acqsim.core.ledger.Book;
import io.acqsim.core.ledger.Transaction;
import io.acqsim.core.ledger.TxState;
import io.acqsim.core.reversal.KeyRules;
import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;

/**
 * Reversals (0400/0401) and reversal advices (0420/0421), PROTOCOL.md §3. The rule behind every
 * branch: a reversal is approved exactly when, after it, the original has no net effect (or, with
 * DE95, only the amount DE95.1 names). Idempotent by key: the first approved reversal of an
 * original is remembered and every repeat gets its response again, nothing more.
 */
final class ReversalFlow {
    private final String dialect;
    private final KeyRules keys;
    private final Policy policy;

    ReversalFlow(String dialect, KeyRules keys, Policy policy) {
        this.dialect = dialect;
        this.keys = keys;
        this.policy = policy;
    }

    Outcome handle(Book book, Request r) {
        boolean advice = r.type() == TxType.ADVICE;
        if (advice && policy.adviceFailure() != null) {
            return "drop".equals(policy.adviceFailure()) ? Outcome.none() : Outcome.code(policy.adviceFailure());
        }
        Outcome outcome = reverse(book, r);
        return advice ? outcome.answeredAs("00") : outcome;
    }

    private Outcome reverse(Book book, Request r) {
        TraceKey key = keys.reversalTarget(r.view());
        Transaction first = book.reversalOf(key);
        if (first != null) {
            if (policy.duplicateReversal() != null) {
                return Outcome.code(policy.duplicateReversal());
            }
            book.repeated(first);
            return Outcome.replay(first);
        }
        Transaction original = book.byKey(key);
        Transaction rv = book.record(r.type(), r.mti(), dialect, r.terminal(), r.merchant(), r.stan(),
                original == null ? null : original.batch(), original == null ? null : original.account(),
                Math.max(r.amount(), 0), key, null);
        if (original == null) {
            return Outcome.of(r, book.tombstone(rv, policy.unknownOriginal(), null));
        }
        String refusal = refusal(book, original);
        if (refusal != null) {
            book.relate(original, rv);
            return Outcome.of(r, book.decline(rv, refusal, null));
        }
        if (original.state() == TxState.DECLINED || !hasLedgerEffect(original.type())) {
            return Outcome.of(r, book.reverseNothing(rv, original, null));
        }
        long remaining;
        if (r.dialect().is1993() && r.view().has(30)) {
            // ISO 1993 partial reversal: DE30 holds the original amount, DE4 what remains after it
            String de30 = r.field(30);
            if (de30.length() < 12 || Request.amountOf(de30.substring(0, 12)) != original.amount()) {
                return declined(book, original, rv, ResponseCode.ORIGINAL_AMOUNT_INCORRECT.code());
            }
            remaining = r.amount();
            if (remaining > original.amount() || remaining > original.effective()) {
                return declined(book, original, rv, ResponseCode.INVALID_AMOUNT.code());
            }
            if (remaining > 0 && !isPartiallyReversible(original.type())) {
                return declined(book, original, rv, ResponseCode.INVALID_TRANSACTION.code());
            }
        } else if (r.view().has(95) && !r.dialect().is1993()) {
            remaining = De95.parse(r.field(95)).actualAmountMinor();
            if (remaining > original.amount() || remaining > original.effective()) {
                return declined(book, original, rv, "13");
            }
            if (remaining > 0 && !isPartiallyReversible(original.type())) {
                return declined(book, original, rv, "12");
            }
        } else {
            if (r.amount() >= 0 && r.amount() != original.amount() && policy.strictAmount()) {
                return declined(book, original, rv, "64");
            }
            remaining = 0;
        }
        return Outcome.of(r, book.reverse(rv, original, remaining, null));
    }

    private static Outcome declined(Book book, Transaction original, Transaction rv, String code) {
        book.relate(original, rv);
        return Outcome.of(book.decline(rv, code, null));
    }

    /** Why this original cannot be reversed, as a response code, or null if it can. */
    private String refusal(Book book, Transaction original) {
        if (original.type() == TxType.REFUND) {
            return "12";
        }
        if (original.state() == TxState.DECLINED) {
            return null;
        }
        if (book.isSettled(original)) {
            return policy.afterSettlement();
        }
        return switch (original.state()) {
            case VOIDED -> policy.ofVoided();
            case APPROVED, PARTIALLY_REVERSED -> original.refunded() > 0 ? "12" : null;
            default -> "12";
        };
    }

    private static boolean hasLedgerEffect(TxType type) {
        return type != TxType.BALANCE;
    }

    private static boolean isPartiallyReversible(TxType type) {
        return type == TxType.SALE || type == TxType.AUTH || type == TxType.COMPLETION;
    }
}
