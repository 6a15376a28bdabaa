package io.acqsim.core.config;

/**
 * Where the ledger lives and how much of it is kept.
 *
 * @param retention  how many transactions the in-memory journal keeps; beyond it the oldest are
 *                   forgotten (a reversal of a forgotten original is then treated as one the host
 *                   never saw)
 * @param store      {@code memory} (the default: one process, its own ledger) or {@code postgresql}
 *                   (several processes share one ledger, PROTOCOL.md §11)
 * @param node       this process's number, 1..99, unique among the processes sharing a ledger: the
 *                   first two digits of its RRNs, and shown on every transaction it posted; null
 *                   when not configured (an in-memory ledger then keeps its plain RRNs)
 * @param postgresql the database of {@code store: postgresql}
 */
public record LedgerConfig(Integer retention, String store, Integer node, PostgresqlConfig postgresql) {
    public static final String MEMORY = "memory";
    public static final String POSTGRESQL = "postgresql";

    public LedgerConfig {
        retention = retention == null ? 1_000_000 : retention;
        store = store == null ? MEMORY : store;
        postgresql = postgresql == null ? new PostgresqlConfig(null, null, null, null, null, null, null) : postgresql;
    }

    public LedgerConfig(Integer retention) {
        this(retention, null, null, null);
    }

    public boolean inPostgresql() {
        return POSTGRESQL.equals(store);
    }

    /** The node number in force: the configured one, else 1 (the only node). */
    public int nodeOrDefault() {
        return node == null ? 1 : node;
    }

    public LedgerConfig withPostgresql(String newStore, int newNode, PostgresqlConfig newPostgresql) {
        return new LedgerConfig(retention, newStore, newNode, newPostgresql);
    }
}
