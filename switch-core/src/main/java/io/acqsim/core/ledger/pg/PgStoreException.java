package io.acqsim.core.ledger.pg;

import java.sql.SQLException;

/** A database error inside a group commit, carried out of {@link PgBook}'s methods to the commit worker. */
final class PgStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PgStoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    SQLException sql() {
        return (SQLException) getCause();
    }
}
