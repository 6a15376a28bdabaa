package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.config.PostgresqlConfig;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.EmbeddedPg;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A connection reuses its decoded view, request, outcome, response builder and reply from one
 * request to the next ({@link io.acqsim.core.flow.Scratch}, {@link io.acqsim.codec.ViewDecoder#recycle}),
 * but whatever is still on its way keeps its own: a reply delayed by a rule, a response dropped by
 * one, every reply of a PostgreSQL ledger (it comes back from the store's worker) and of the
 * durable journal (processed on its thread). Each burst below goes out in one write, so the server
 * reads the next request while the earlier ones are still in flight; every response must carry
 * its own STAN and amount, and the RRN and approval code the ledger gave that very sale.
 */
class ReusedRequestObjectsOverTcpTest {
    private static final long DELAYED = 777;
    private static final long DROPPED = 778;
    private static final Map<String, AcqsimServer> SERVERS = new HashMap<>();
    private static Path journalDir;
    private static int nextStan = 500;

    @BeforeAll
    static void start() throws Exception {
        SERVERS.put("memory", AcqsimServer.start(RunningServer.config("")));
        PostgresqlConfig db = EmbeddedPg.shared().newDatabase();
        SERVERS.put("postgresql", AcqsimServer.start(RunningServer.config("ledger:\n  store: postgresql\n  node: 3\n"
                + "  postgresql:\n    url: " + db.url() + "\n    user: " + db.user() + "\n")));
        journalDir = Files.createTempDirectory("acqsim-reuse");
        SERVERS.put("journal", AcqsimServer.start(RunningServer.config(""), Clock.systemDefaultZone(), journalDir));
        for (AcqsimServer s : SERVERS.values()) {
            AdminClient admin = new AdminClient(s.adminPort());
            assertThat(admin.post("/rules", "{\"match\": {\"amount\": " + DELAYED
                    + "}, \"action\": {\"delay\": \"300ms\"}}").status()).isEqualTo(201);
            assertThat(admin.post("/rules", "{\"match\": {\"amount\": " + DROPPED
                    + "}, \"action\": {\"drop\": \"response\"}}").status()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(AcqsimServer::close);
    }

    @ParameterizedTest(name = "{0} ledger, {1}")
    @CsvSource({"memory, iso87-binary", "memory, iso87-ascii", "memory, cup-pos", "memory, iso93-ascii",
        "postgresql, iso87-binary", "postgresql, cup-pos", "journal, iso87-binary", "journal, iso87-ascii"})
    void responsesAnsweredLaterKeepTheirOwnFieldsWhileLaterRequestsOnTheConnectionAreAnswered(String store,
            String name) throws Exception {
        AcqsimServer server = SERVERS.get(store);
        AdminClient admin = new AdminClient(server.adminPort());
        Dialect d = Dialects.byName(name);
        String pan = "62258800000" + (10_000 + nextStan);
        admin.put("/accounts/" + pan, "{\"balance\": 1000000, \"currency\": \"156\"}");
        // STAN -> amount, in the order sent: a delayed sale, a sale whose response is dropped, three plain sales
        Map<Integer, Long> sent = new LinkedHashMap<>();
        sent.put(++nextStan, DELAYED);
        sent.put(++nextStan, DROPPED);
        for (long amount : new long[] {1_001, 2_002, 3_003}) {
            sent.put(++nextStan, amount);
        }

        try (IsoClient c = new IsoClient(d, server.port(name), Duration.ofSeconds(10))) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (var e : sent.entrySet()) {
                burst.write(IsoClient.frame(d, d.encode(Messages.sale(d, pan, e.getValue(), e.getKey()))));
            }
            c.sendRaw(burst.toByteArray());

            Map<String, ISOMsg> byStan = new HashMap<>();
            List<String> order = new ArrayList<>();
            for (int i = 0; i < sent.size() - 1; i++) { // every one but the dropped response
                ISOMsg m = c.receive().msg();
                order.add(m.getString(11));
                byStan.put(m.getString(11), m);
            }
            // the delayed response comes last, after the plain ones read behind it
            assertThat(order.get(order.size() - 1)).isEqualTo(Messages.stan(sent.keySet().iterator().next()));
            assertThat(byStan).doesNotContainKey(Messages.stan(sent.keySet().stream().skip(1).findFirst().get()));
            Set<String> rrns = new HashSet<>();
            for (var e : sent.entrySet()) {
                String stan = Messages.stan(e.getKey());
                JsonNode posted = admin.get("/transactions?terminal=" + Messages.TERMINAL + "&stan=" + stan).json();
                assertThat(posted).as("journal of STAN %s", stan).hasSize(1);
                assertThat(posted.get(0).get("amount").asLong()).isEqualTo(e.getValue());
                if (e.getValue() == DROPPED) {
                    continue;
                }
                ISOMsg m = byStan.get(stan);
                assertThat(m).as("response to STAN %s", stan).isNotNull();
                assertThat(m.getMTI()).isEqualTo(Messages.mti(d, "0210"));
                assertThat(m.getString(39)).as("DE39 of STAN %s", stan).isEqualTo(Messages.code(d, "00"));
                assertThat(m.getString(4)).as("DE4 of STAN %s", stan).isEqualTo(Messages.amount(e.getValue()));
                assertThat(m.getString(2)).isEqualTo(pan);
                assertThat(m.getString(37)).as("DE37 of STAN %s", stan).isEqualTo(posted.get(0).get("rrn").asText());
                assertThat(m.getString(38)).as("DE38 of STAN %s", stan)
                        .isEqualTo(posted.get(0).get("authCode").asText());
                rrns.add(m.getString(37));
            }
            assertThat(rrns).hasSize(sent.size() - 1);
        }
        long total = sent.values().stream().mapToLong(Long::longValue).sum();
        assertThat(admin.balance(pan)).isEqualTo(1_000_000 - total);
    }
}
