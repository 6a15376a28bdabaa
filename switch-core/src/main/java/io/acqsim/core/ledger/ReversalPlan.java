package io.acqsim.core.ledger;

import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * What reversing a transaction undoes (PROTOCOL.md §3), decided once for every store: the change
 * to its card's balance and holds, and the transactions whose state comes back. A sale gives its
 * amount back; an authorization releases its hold; a completion gives its amount back and, when
 * reversed in full, puts its authorization's hold back; a void or completion void re-does what it
 * undid (the voided transaction is approved again, a voided completion's authorization completed
 * again); a pre-auth cancel puts the hold back. The caller checks the money with {@link #fits}
 * and then applies the plan; the transitions are checked while the plan is made.
 *
 * @param <T> the store's transaction handle
 */
public record ReversalPlan<T extends Transaction>(long balanceDelta, long holdsDelta, T reinstated, T redone,
                                                  T completedAgain) {

    /**
     * @param target     the transaction reversed
     * @param remaining  what stays in effect afterwards (0: reversed in full)
     * @param originalOf a transaction's original, as the store holds it (null when none or forgotten)
     * @param check      the store's transition check: throws when a transaction may not move to a state
     */
    public static <T extends Transaction> ReversalPlan<T> of(T target, long remaining, UnaryOperator<T> originalOf,
                                                             BiConsumer<T, TxState> check) {
        long undo = target.effective() - remaining;
        long balanceDelta = 0;
        long holdsDelta = 0;
        T reinstated = null;
        T redone = null;
        T completedAgain = null;
        switch (target.type()) {
            case SALE -> balanceDelta = undo;
            case AUTH -> holdsDelta = -undo;
            case COMPLETION -> {
                balanceDelta = undo;
                if (remaining == 0) {
                    reinstated = originalOf.apply(target);
                }
            }
            case VOID -> redone = originalOf.apply(target);
            case COMPLETION_VOID -> {
                redone = originalOf.apply(target);
                if (redone != null) {
                    completedAgain = originalOf.apply(redone);
                }
            }
            case AUTH_CANCEL -> reinstated = originalOf.apply(target);
            default -> {
                // balance inquiries, network messages: nothing was posted, nothing to undo
            }
        }
        if (reinstated != null) {
            check.accept(reinstated, TxState.APPROVED);
            holdsDelta += reinstated.effective();
        }
        if (redone != null) {
            check.accept(redone, TxState.APPROVED);
            balanceDelta -= redone.effective();
        }
        if (completedAgain != null) {
            check.accept(completedAgain, TxState.COMPLETED);
            holdsDelta -= completedAgain.effective();
        }
        return new ReversalPlan<>(balanceDelta, holdsDelta, reinstated, redone, completedAgain);
    }

    /** Whether the card's balance and holds stay within {@link Money}'s range after the plan. */
    public boolean fits(Account account) {
        return account == null || Money.canMoveBalance(account.balance(), balanceDelta)
                && Money.canMoveHolds(account.holds(), holdsDelta);
    }
}
