package io.acqsim.core.ledger;

import io.acqsim.core.routing.TxType;

/**
 * The ledger's write side, handed out by {@link Ledger#apply} while the lock is held. Every
 * money movement goes through one of these methods, so each applies its whole effect or none.
 */
public final class Book {
    private final Ledger ledger;

    Book(Ledger ledger) {
        this.ledger = ledger;
    }

    /** The account for a PAN (auto-created when configured), or null when unknown. */
    public Account account(String pan) {
        return ledger.openAccount(pan);
    }

    /** Adds a journal entry for a message; its state is set by approve/decline. */
    public Transaction record(TxType type, String mti, String dialect, String terminal, String merchant, String stan,
                              String batch, Account account, long amount) {
        return ledger.record(type, mti, dialect, terminal, merchant, stan, batch, account, amount);
    }

    /** Marks a transaction declined with a code; nothing is posted. */
    public Transaction decline(Transaction t, String responseCode) {
        t.responseCode = responseCode;
        t.moveTo(TxState.DECLINED);
        if (t.rrn == null) {
            t.rrn = ledger.nextRrn();
        }
        return t;
    }

    /** Marks a transaction approved with an RRN (the request's if it carried one) and an approval code. */
    public Transaction approve(Transaction t, String requestRrn) {
        t.responseCode = "00";
        t.rrn = requestRrn != null ? requestRrn : ledger.nextRrn();
        t.authCode = ledger.nextAuthCode();
        t.effective = t.amount;
        t.moveTo(TxState.APPROVED);
        return t;
    }

    /**
     * A sale: debit the amount if the account has it available, else decline {@code 51}.
     *
     * @return the journaled transaction, approved or declined
     */
    public Transaction sale(Transaction t, String requestRrn) {
        if (t.account.available() < t.amount) {
            return decline(t, "51");
        }
        t.account.debit(t.amount);
        return approve(t, requestRrn);
    }
}
