package io.acqsim.core.ledger;

/**
 * A card account. Mutable, and only ever touched under the {@link Ledger}'s lock. Amounts are
 * minor units; available = balance - holds. A balance may go below zero only when undoing a void
 * or a completion reversal re-debits money the cardholder had already spent once.
 */
public final class Account {
    private final String pan;
    private String currency;
    private long balance;
    private long holds;

    Account(String pan, long balance, String currency) {
        this.pan = pan;
        this.balance = balance;
        this.currency = currency;
    }

    public String pan() {
        return pan;
    }

    public String currency() {
        return currency;
    }

    public long balance() {
        return balance;
    }

    public long holds() {
        return holds;
    }

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

    /** An immutable copy for callers outside the lock. */
    public AccountView view() {
        return new AccountView(pan, balance, available(), holds, currency);
    }

    /** What the admin API shows of an account. */
    public record AccountView(String pan, long balance, long available, long holds, String currency) {
    }
}
