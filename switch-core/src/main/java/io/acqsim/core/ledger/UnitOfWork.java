package io.acqsim.core.ledger;

/**
 * One message's work on the ledger: look-ups first, then at most one group of changes, all through
 * the {@link Book} it is given. See {@link LedgerStore#apply} for what a store may do with it.
 */
@FunctionalInterface
public interface UnitOfWork<T> {
    T run(Book book);
}
