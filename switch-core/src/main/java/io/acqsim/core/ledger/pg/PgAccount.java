package io.acqsim.core.ledger.pg;

import io.acqsim.core.ledger.Account;

/**
 * An account row as one group commit sees it: read {@code FOR UPDATE} (so no other node changes it
 * until the group commits), changed in memory by {@link PgBook}, written back at the flush.
 */
final class PgAccount implements Account {
    private final String pan;
    private final String currency;
    long balance;
    long holds;
    boolean dirty;

    PgAccount(String pan, long balance, long holds, String currency) {
        this.pan = pan;
        this.balance = balance;
        this.holds = holds;
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

    void debit(long amount) {
        balance -= amount;
        dirty = true;
    }

    void credit(long amount) {
        balance += amount;
        dirty = true;
    }

    void hold(long amount) {
        holds += amount;
        dirty = true;
    }

    void release(long amount) {
        holds -= amount;
        dirty = true;
    }
}
