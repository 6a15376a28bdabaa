package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A connection reuses its request, outcome, response builder and reply from one request to the
 * next ({@link io.acqsim.core.flow.Scratch}), but a reply that is still on its way (delayed by a
 * rule, or dropped and so never written) must keep its own: here a delayed sale is followed on the
 * same connection, in the same burst, by sales answered at once, and every response must carry its
 * own STAN, amount and RRN, the RRN the ledger gave that sale.
 */
class ReusedRequestObjectsOverTcpTest {
    private static final long DELAYED = 777;
    private static AcqsimServer server;
    private static AdminClient admin;
    private static int nextStan = 500;

    @BeforeAll
    static void start() throws Exception {
        server = AcqsimServer.start(RunningServer.config(""));
        admin = new AdminClient(server.adminPort());
        assertThat(admin.post("/rules", "{\"match\": {\"amount\": " + DELAYED
                + "}, \"action\": {\"delay\": \"300ms\"}}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"iso87-binary", "iso87-ascii", "cup-pos"})
    void aDelayedResponseKeepsItsOwnFieldsWhileLaterRequestsOnTheConnectionAreAnswered(String name)
            throws Exception {
        Dialect d = Dialects.byName(name);
        String pan = "62258800000" + (10_000 + nextStan);
        admin.put("/accounts/" + pan, "{\"balance\": 1000000, \"currency\": \"156\"}");
        int delayed = ++nextStan;
        int first = ++nextStan;
        int second = ++nextStan;
        Map<String, Long> amounts = Map.of(Messages.stan(delayed), DELAYED, Messages.stan(first), 1_001L,
                Messages.stan(second), 2_002L);

        try (IsoClient c = new IsoClient(d, server.port(name), Duration.ofSeconds(10))) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int stan : List.of(delayed, first, second)) {
                long amount = amounts.get(Messages.stan(stan));
                burst.write(IsoClient.frame(d, d.encode(Messages.sale(d, pan, amount, stan))));
            }
            c.sendRaw(burst.toByteArray());

            Map<String, ISOMsg> byStan = new HashMap<>();
            java.util.List<String> order = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ISOMsg m = c.receive().msg();
                order.add(m.getString(11));
                byStan.put(m.getString(11), m);
            }
            // the two answered at once come first; the delayed one last, still its own
            assertThat(order).containsExactly(Messages.stan(first), Messages.stan(second), Messages.stan(delayed));
            HashSet<String> rrns = new HashSet<>();
            for (var e : amounts.entrySet()) {
                ISOMsg m = byStan.get(e.getKey());
                assertThat(m.getMTI()).isEqualTo("0210");
                assertThat(m.getString(39)).as("DE39 of STAN %s", e.getKey()).isEqualTo("00");
                assertThat(m.getString(4)).as("DE4 of STAN %s", e.getKey()).isEqualTo(Messages.amount(e.getValue()));
                assertThat(m.getString(2)).isEqualTo(pan);
                JsonNode posted = admin.get("/transactions?terminal=" + Messages.TERMINAL + "&stan=" + e.getKey())
                        .json();
                assertThat(posted).hasSize(1);
                assertThat(m.getString(37)).as("DE37 of STAN %s", e.getKey())
                        .isEqualTo(posted.get(0).get("rrn").asText());
                assertThat(m.getString(38)).as("DE38 of STAN %s", e.getKey())
                        .isEqualTo(posted.get(0).get("authCode").asText());
                rrns.add(m.getString(37));
            }
            assertThat(rrns).hasSize(3);
        }
        assertThat(admin.balance(pan)).isEqualTo(1_000_000 - DELAYED - 1_001 - 2_002);
    }
}
