package io.acqsim.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigLoader;
import io.acqsim.core.ledger.LedgerStore;
import io.acqsim.core.ledger.LedgerStores;
import io.acqsim.core.ledger.Transaction;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.routing.TxType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An outcome carries the host's RRN and approval code as numbers, and a response written from
 * them must carry exactly the text the journal shows (zero-padded, node prefix included).
 */
class OutcomeReferencesTest {
    static Iterable<Dialect> dialects() {
        return Dialects.all();
    }

    private static <T> T withSale(String yaml, String requestRrn, Function<Transaction, T> then) {
        AcqsimConfig config = ConfigLoader.parse(yaml, "acqsim.yaml", Path.of("."));
        try (LedgerStore ledger = LedgerStores.open(config, List.of(), Clock.systemUTC())) {
            return ledger.apply(book -> {
                Transaction t = book.record(TxType.SALE, "0200", "iso87-ascii", "T1", "M1", "000001", "000001",
                        book.account("4111000011112222"), 100, new IsoTraceKey("iso87-ascii", "T1", "M1", "000001"),
                        "1122334455");
                return then.apply(book.postSale(t, requestRrn));
            });
        }
    }

    private static MessageBuilder answer(Dialect d, Outcome o) {
        MessageBuilder m = d.message(d.is1993() ? "1210" : "0210", null).set(39, o.code());
        return ResponseBuilder.withReference(m, o);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void theHostsReferencesAreWrittenAsTheJournalShowsThem(Dialect d) {
        Map<String, String> seen = withSale("ledger:\n  node: 7\n", null, t -> {
            Outcome o = Outcome.of(t);
            assertThat(o.rrnNumber()).isEqualTo(70_000_000_001L);
            MessageBuilder m = answer(d, o);
            return Map.of("rrn", t.rrn(), "auth", t.authCode(), "37", m.string(37), "38", m.string(38));
        });
        assertThat(seen.get("37")).isEqualTo(seen.get("rrn")).isEqualTo("070000000001");
        assertThat(seen.get("38")).isEqualTo(seen.get("auth")).hasSize(6);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void aRequestsOwnRrnIsAnsweredAsItCame(Dialect d) {
        String de37 = withSale("", "ABC000000001", t -> answer(d, Outcome.of(t)).string(37));
        assertThat(de37).isEqualTo("ABC000000001");
        String digits = withSale("", "000000004321", t -> answer(d, Outcome.of(t)).string(37));
        assertThat(digits).isEqualTo("000000004321");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void anApprovalCodeGoesOnlyOnAnApproval(Dialect d) {
        MessageBuilder declined = withSale("", null, t -> answer(d, Outcome.of(t).answeredAs("05")));
        assertThat(declined.has(38)).isFalse();
        assertThat(declined.has(37)).isTrue();
        Outcome acknowledged = withSale("", null, t -> Outcome.of(t).answeredAs("00"));
        assertThat(acknowledged.authCode()).hasSize(6);
        assertThat(Outcome.code("96").rrn()).isNull();
        assertThat(Outcome.none().silent()).isTrue();
    }
}
