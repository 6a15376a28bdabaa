package io.acqsim.core.ledger;

import io.acqsim.core.config.AcqsimConfig;
import java.time.Clock;
import java.util.List;

/** The {@link LedgerStore} a configuration asks for ({@code ledger.store}; memory is the default). */
public final class LedgerStores {
    private LedgerStores() {
    }

    public static LedgerStore open(AcqsimConfig config, List<AccountFixture> fixtures, Clock clock) {
        return new MemoryLedger(config.accounts(), fixtures, clock, config.ledger().retention());
    }
}
