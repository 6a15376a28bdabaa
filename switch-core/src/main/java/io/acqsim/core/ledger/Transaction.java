package io.acqsim.core.ledger;

import io.acqsim.core.routing.TxType;

/**
 * A journaled message as a unit of work sees it (see {@link LedgerStore}): a handle valid only
 * inside the unit that looked it up or recorded it, read through these accessors and changed only
 * through {@link Book}. Outside the unit, use {@link #view()}.
 */
public interface Transaction {
    long id();

    TxType type();

    TxState state();

    /** DE39 as answered, or null while the unit has not decided it yet. */
    String responseCode();

    /** DE37: the request's own, or the host's (twelve characters). */
    String rrn();

    String stan();

    /** DE38, six digits, or null when there is none. */
    String authCode();

    /**
     * {@link #rrn} as the number its twelve digits make, or -1 when it is not twelve digits (or
     * absent): lets a response carry the host's RRN without its text being made.
     */
    default long rrnNumber() {
        return Digits.parse(rrn(), 12);
    }

    /** {@link #authCode} as the number its six digits make, or -1 when there is none (or it is not six digits). */
    default long authCodeNumber() {
        return Digits.parse(authCode(), 6);
    }

    long amount();

    /** The part of the amount still in effect (a partial reversal reduces it). */
    long effective();

    /** Sum of approved refunds against this sale or completion. */
    long refunded();

    String terminal();

    String merchant();

    /** The batch the transaction belongs to (CUP 60.2, or the host's implicit ISO batch). */
    String batch();

    /** ISO DE7 as sent, which tells a duplicate from a reuse of the STAN; null when there is none. */
    String discriminator();

    /** When the host journaled it (epoch millis of the ledger's clock). */
    long time();

    /** The card account it acts on, or null (a late original, settlement). */
    Account account();

    /** The transaction this one acts on (void, reversal, completion, refund, cancel), or null. */
    Transaction original();

    /** How many repeats of this reversal were replayed. */
    int repeats();

    default boolean approved() {
        return "00".equals(responseCode());
    }

    /** An immutable copy as the admin API shows it, safe outside the unit of work. */
    TransactionView view();
}
