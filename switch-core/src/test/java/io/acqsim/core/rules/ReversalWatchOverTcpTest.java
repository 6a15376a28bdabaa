package io.acqsim.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.LogCapture;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reversal watch over real TCP: a terminal that reverses a dropped response (and retries),
 * one that never does, and a CUP terminal whose reversal names the wrong batch.
 */
class ReversalWatchOverTcpTest {
    private static final Dialect ASCII = Dialects.byName("iso87-ascii");
    private static final Dialect CUP = Dialects.byName("cup-pos");
    private static AcqsimServer server;
    private static AdminClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = AcqsimServer.start(RunningServer.config("reversalWatch:\n  within: 2s\n"));
        admin = new AdminClient(server.adminPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static IsoFrame sale(Dialect d, String terminal, long amount, int stan) {
        IsoFrame f = Messages.sale(d, "4111111111111111", amount, stan);
        f.msg().set(41, terminal);
        return f;
    }

    private static IsoFrame reversalOf(IsoFrame sale, String mti) {
        IsoFrame r = sale.with((org.jpos.iso.ISOMsg) sale.msg().clone());
        r.msg().set(0, mti);
        return r;
    }

    private static JsonNode watch(String terminal) throws Exception {
        return admin.get("/terminals/" + terminal + "/reversal-watch").json();
    }

    @Test
    void terminalThatReversesADroppedResponseIsReportedReversedWithItsRetries() throws Exception {
        try (LogCapture log = LogCapture.of(ReversalWatch.class)) {
            try (IsoClient c = new IsoClient(ASCII, server.port(ASCII.name()))) {
                IsoFrame sale = sale(ASCII, "TWATCH01", 910001, 501);
                c.send(sale);
                // The terminal times out, then reverses; its first 0410 "gets lost" too, so it repeats.
                assertThat(c.exchange(reversalOf(sale, "0400")).msg().getMTI()).isEqualTo("0410");
                assertThat(c.exchange(reversalOf(sale, "0401")).msg().getMTI()).isEqualTo("0410");
            }
            log.await(m -> m.contains("terminal TWATCH01") && m.contains("reversed by 0400"), Duration.ofSeconds(5));
        }
        JsonNode w = watch("TWATCH01");
        assertThat(w.get("withheld").asInt()).isEqualTo(1);
        assertThat(w.get("reversed").asInt()).isEqualTo(1);
        assertThat(w.get("overdue").asInt()).isZero();
        JsonNode e = w.get("entries").get(0);
        assertThat(e.get("status").asText()).isEqualTo("REVERSED");
        assertThat(e.get("mti").asText()).isEqualTo("0200");
        assertThat(e.get("stan").asText()).isEqualTo("000501");
        assertThat(e.get("fault").asText()).isEqualTo("drop response");
        assertThat(e.get("reversals").asInt()).isEqualTo(2);
        assertThat(e.get("retries").asInt()).isEqualTo(1);
        assertThat(e.get("reversalMtis").toString()).isEqualTo("[\"0400\",\"0401\"]");
        assertThat(e.get("reversalAmount").asLong()).isEqualTo(910001);
        assertThat(e.get("reversedAfterMs").asLong()).isBetween(0L, 2000L);
    }

    @Test
    void terminalThatNeverReversesIsReportedOverdueAndLogged() throws Exception {
        try (LogCapture log = LogCapture.of(ReversalWatch.class)) {
            try (IsoClient c = new IsoClient(ASCII, server.port(ASCII.name()))) {
                c.send(sale(ASCII, "TWATCH02", 910003, 502));
                assertThat(c.closedByPeer()).isTrue();
            }
            String line = log.await(m -> m.contains("terminal TWATCH02") && m.contains("no reversal within 2s"),
                    Duration.ofSeconds(10));
            assertThat(line).contains("stan 000502").contains("(close)");
        }
        JsonNode w = watch("TWATCH02");
        assertThat(w.get("overdue").asInt()).isEqualTo(1);
        JsonNode e = w.get("entries").get(0);
        assertThat(e.get("status").asText()).isEqualTo("OVERDUE");
        assertThat(e.get("reversals").asInt()).isZero();
        assertThat(e.has("reversedAfterMs")).isFalse();
        assertThat(admin.get("/reversal-watch").json().findValuesAsText("terminal")).contains("TWATCH01", "TWATCH02");
    }

    @Test
    void cupReversalMustNameTheBatchToSettleTheWithheldResponse() throws Exception {
        IsoFrame sale = sale(CUP, "TWATCH03", 910005, 503);
        try (IsoClient c = new IsoClient(CUP, server.port(CUP.name()))) {
            c.send(sale);
            c.receiveBody(); // the garbage frame
            IsoFrame wrongBatch = reversalOf(sale, "0400");
            wrongBatch.msg().set(60, "22000002000");
            c.exchange(wrongBatch);
            JsonNode before = watch("TWATCH03").get("entries").get(0);
            assertThat(before.get("status").asText()).isNotIn("REVERSED", "REVERSED_LATE");
            assertThat(before.get("reversals").asInt()).isZero();
            assertThat(watch("TWATCH03").get("otherReversals").get(0).get("batch").asText()).isEqualTo("000002");
            c.exchange(reversalOf(sale, "0400"));
        }
        JsonNode e = watch("TWATCH03").get("entries").get(0);
        assertThat(e.get("batch").asText()).isEqualTo("000001");
        assertThat(e.get("fault").asText()).isEqualTo("garbage frame");
        assertThat(e.get("status").asText()).isIn("REVERSED", "REVERSED_LATE");
        assertThat(e.get("reversals").asInt()).isEqualTo(1);
    }
}
