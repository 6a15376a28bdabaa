package io.acqsim.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigLoader;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.routing.TxType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ledger.node} is the first two digits of the host's RRNs, in memory as in PostgreSQL. */
class NodeRrnTest {
    private static String saleRrn(String yaml) {
        AcqsimConfig config = ConfigLoader.parse(yaml, "acqsim.yaml", Path.of("."));
        try (LedgerStore ledger = LedgerStores.open(config, List.of(), Clock.systemUTC())) {
            return ledger.apply(book -> {
                IsoTraceKey key = new IsoTraceKey("iso87-ascii", "T1", "M1", "000001");
                Transaction t = book.record(TxType.SALE, "0200", "iso87-ascii", "T1", "M1", "000001", "000001",
                        book.account("4111000011112222"), 100, key, "1122334455");
                return book.postSale(t, null).rrn();
            });
        }
    }

    @Test
    void theNodeIsTheFirstTwoDigits() {
        assertThat(saleRrn("ledger:\n  node: 7\n")).isEqualTo("070000000001");
    }

    @Test
    void withoutANodeRrnsCountFromOne() {
        assertThat(saleRrn("")).isEqualTo("000000000001");
    }
}
