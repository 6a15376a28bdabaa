package io.acqsim.core.ledger;

import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.ledger.pg.PgLedger;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;

/** The {@link LedgerStore} a configuration asks for ({@code ledger.store}; memory is the default). */
public final class LedgerStores {
    private LedgerStores() {
    }

    public static LedgerStore open(AcqsimConfig config, List<AccountFixture> fixtures, Clock clock) {
        return open(config, fixtures, clock, null);
    }

    /**
     * @param registry where a database store meters its pool and commits (null: not metered); the
     *                 meters are declared in {@link io.acqsim.core.metrics.AcqsimMetrics}
     */
    public static LedgerStore open(AcqsimConfig config, List<AccountFixture> fixtures, Clock clock,
                                   MeterRegistry registry) {
        if (config.ledger().inPostgresql()) {
            return PgLedger.open(config.ledger(), config.accounts(), fixtures, clock, registry);
        }
        MemoryLedger memory = new MemoryLedger(config.accounts(), fixtures, clock, config.ledger().retention());
        return config.ledger().node() == null ? memory : memory.node(config.ledger().node());
    }
}
