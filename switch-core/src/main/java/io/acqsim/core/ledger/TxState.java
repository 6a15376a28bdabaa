package io.acqsim.core.ledger;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a journaled transaction stands. {@link #canBecome} is the one place that decides which
 * changes are legal; the ledger refuses any other.
 */
public enum TxState {
    /** Answered 00 and posted: its effect (debit, credit, hold) is on the ledger. */
    APPROVED,
    /** Answered with a decline code: no effect on the ledger. */
    DECLINED,
    /** An approved sale or completion undone by a void; the void's reversal brings it back to APPROVED. */
    VOIDED,
    /** Undone by a reversal or advice: no net effect remains. */
    REVERSED,
    /** A partial reversal (DE95) left only part of its effect. */
    PARTIALLY_REVERSED,
    /** A pre-authorization whose hold a completion captured. */
    COMPLETED,
    /** A pre-authorization whose hold a pre-auth cancel released. */
    CANCELLED,
    /** A sale refunded in full. */
    REFUNDED,
    /** A reversal for an original the host never saw: remembers the key so a late original is refused. */
    TOMBSTONE;

    private static final Map<TxState, Set<TxState>> LEGAL = Map.of(
            APPROVED, EnumSet.of(VOIDED, REVERSED, PARTIALLY_REVERSED, COMPLETED, CANCELLED, REFUNDED),
            PARTIALLY_REVERSED, EnumSet.of(REVERSED, PARTIALLY_REVERSED, COMPLETED, CANCELLED, VOIDED, REFUNDED),
            VOIDED, EnumSet.of(APPROVED),
            COMPLETED, EnumSet.of(APPROVED, PARTIALLY_REVERSED),
            CANCELLED, EnumSet.of(APPROVED, PARTIALLY_REVERSED),
            REFUNDED, EnumSet.of(APPROVED, PARTIALLY_REVERSED),
            DECLINED, EnumSet.noneOf(TxState.class),
            REVERSED, EnumSet.noneOf(TxState.class),
            TOMBSTONE, EnumSet.noneOf(TxState.class));

    /** Whether a transaction in this state may move to {@code next}. */
    public boolean canBecome(TxState next) {
        return LEGAL.get(this).contains(next);
    }

    /** Whether the transaction's effect is (at least partly) on the ledger. */
    public boolean inEffect() {
        return this == APPROVED || this == PARTIALLY_REVERSED || this == REFUNDED;
    }
}
