package io.acqsim.core.ledger;

/**
 * The memory store's card account. Mutable only inside a unit of work, through {@link MemoryBook}. Amounts are
 * minor units; available = balance - holds. A balance may go below zero only when undoing a void
 * or a completion reversal re-debits money the cardholder had already spent once.
 */
final class AccountRecord implements Account {
    private final String pan;
    /** The lock stripe of its PAN: the one a unit must hold to read or change this account. */
    final int stripe;
    /** Its number in the ledger's account table: what a journal row keeps. */
    int index = -1;
    private String currency;
    private long balance;
    private long holds;

    AccountRecord(String pan, int stripe, long balance, String currency) {
        this.pan = pan;
        this.stripe = stripe;
        this.balance = balance;
        this.currency = currency;
    }

    @Override
    public String pan() {
        return pan;
    }

    @Override
    public String currency() {
        return currency;
    }

    @Override
    public long balance() {
        return balance;
    }

    @Override
    public long holds() {
        return holds;
    }

    @Override
    public long available() {
        return balance - holds;
    }

    /** A new balance and currency from the admin API; holds stay as they are. */
    void replace(long newBalance, String newCurrency) {
        balance = newBalance;
        currency = newCurrency;
    }

    void debit(long amount) {
        balance -= amount;
    }

    void credit(long amount) {
        balance += amount;
    }

    void hold(long amount) {
        holds += amount;
    }

    void release(long amount) {
        holds -= amount;
    }
}
