package io.acqsim.core.ledger;

/**
 * A card account as a unit of work sees it (see {@link LedgerStore}): read it inside the unit
 * that looked it up, change it only through {@link Book}. Amounts are minor units within
 * {@link Money}'s range; available = balance - holds.
 */
public interface Account {
    String pan();

    String currency();

    long balance();

    long holds();

    default long available() {
        return balance() - holds();
    }

    /** An immutable copy, safe outside the unit of work. */
    default AccountView view() {
        return new AccountView(pan(), balance(), available(), holds(), currency());
    }

    /** What the admin API shows of an account. */
    record AccountView(String pan, long balance, long available, long holds, String currency) {
    }
}
