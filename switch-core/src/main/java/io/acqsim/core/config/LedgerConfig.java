package io.acqsim.core.config;

/**
 * The in-memory journal.
 *
 * @param retention how many transactions are kept; beyond it the oldest are forgotten (a
 *                  reversal of a forgotten original is then treated as one the host never saw)
 */
public record LedgerConfig(Integer retention) {
    public LedgerConfig {
        retention = retention == null ? 1_000_000 : retention;
    }
}
