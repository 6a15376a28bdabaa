package io.acqsim.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.CupPos;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.LogCapture;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.PrometheusText;
import io.acqsim.core.testing.RunningServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Terminal sessions over real TCP with {@code session.requireSignOn}: a sale before sign-on, after
 * it and after sign-off, in ISO and CUP, with the ledger checked each time; the CUP batch check;
 * a STAN reuse reported on the terminal and in {@code /metrics} while the ledger does what it
 * always does.
 */
class TerminalSessionsOverTcpTest {
    private static final Dialect ASCII = Dialects.byName("iso87-ascii");
    private static final Dialect CUP = Dialects.byName("cup-pos");
    private static AcqsimServer server;
    private static AdminClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = AcqsimServer.start(RunningServer.config("session:\n  requireSignOn: true\n"));
        admin = new AdminClient(server.adminPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static IsoFrame sale(Dialect d, String tid, String pan, long amount, int stan) {
        IsoFrame f = Messages.sale(d, pan, amount, stan);
        f.msg().set(41, tid);
        return f;
    }

    private static IsoFrame signOn(Dialect d, String tid, int stan) {
        IsoFrame f = Messages.signOn(d, stan);
        f.msg().set(41, tid);
        return f;
    }

    private static IsoFrame signOff(Dialect d, String tid, int stan) {
        IsoFrame f = signOn(d, tid, stan);
        if (d instanceof CupPos) {
            f.msg().set(60, "00000001002");
        } else if (d.is1993()) {
            f.msg().set(24, "802");
        } else {
            f.msg().set(70, "002");
        }
        return f;
    }

    private static JsonNode terminal(String tid) throws Exception {
        AdminClient.Result r = admin.get("/terminals/" + tid);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static int transactions(String tid) throws Exception {
        return admin.get("/transactions?terminal=" + tid).json().size();
    }

    private void declinedBeforeSignOnApprovedAfterDeclinedAfterSignOff(Dialect d, String tid, String pan,
                                                                      String declineCode) throws Exception {
        long opening = 1_000_000;
        try (IsoClient c = new IsoClient(d, server.port(d.name()))) {
            IsoFrame before = c.exchange(sale(d, tid, pan, 1_050, 11));
            assertThat(before.msg().getString(39)).isEqualTo(declineCode);
            assertThat(before.msg().getMTI()).isEqualTo(Messages.mti(d, "0210"));
            assertThat(before.msg().hasField(38)).isFalse();
            assertThat(transactions(tid)).as("not posted").isZero();
            assertThat(terminal(tid).get("signedOn").asBoolean()).isFalse();

            assertThat(c.exchange(signOn(d, tid, 12)).msg().getString(39)).isEqualTo(Messages.code(d, "00")
                    .equals("000") ? "800" : "00");
            JsonNode on = terminal(tid);
            assertThat(on.get("signedOn").asBoolean()).isTrue();
            assertThat(on.get("dialect").asText()).isEqualTo(d.name());
            assertThat(on.get("connection").asText()).startsWith(d.name() + " 127.0.0.1:");
            IsoFrame after = c.exchange(sale(d, tid, pan, 1_050, 13));
            assertThat(after.msg().getString(39)).isEqualTo(Messages.code(d, "00"));
            assertThat(admin.balance(pan)).isEqualTo(opening - 1_050);
            assertThat(transactions(tid)).isEqualTo(1);

            assertThat(c.exchange(signOff(d, tid, 14)).msg().getString(39)).isEqualTo(Messages.code(d, "00")
                    .equals("000") ? "800" : "00");
            assertThat(terminal(tid).get("signedOn").asBoolean()).isFalse();
            IsoFrame afterOff = c.exchange(sale(d, tid, pan, 2_000, 15));
            assertThat(afterOff.msg().getString(39)).isEqualTo(declineCode);
            assertThat(admin.balance(pan)).as("the sale after sign-off is not posted").isEqualTo(opening - 1_050);
            assertThat(transactions(tid)).isEqualTo(1);
            assertThat(terminal(tid).get("lastStan").asText()).isEqualTo("000015");
        }
        PrometheusText m = PrometheusText.parse(admin.get("/metrics").body());
        assertThat(m.value("acqsim_terminals_session_declined_total", "dialect", d.name(), "reason", "not_signed_on"))
                .isEqualTo(2);
    }

    @Test
    void isoSaleIsDeclined58BeforeSignOnApprovedAfterItAndDeclinedAgainAfterSignOff() throws Exception {
        declinedBeforeSignOnApprovedAfterDeclinedAfterSignOff(ASCII, "TSESS001", "4000000000001001", "58");
    }

    @Test
    void cupSaleIsDeclinedA7BeforeSignOnApprovedAfterItAndDeclinedAgainAfterSignOff() throws Exception {
        declinedBeforeSignOnApprovedAfterDeclinedAfterSignOff(CUP, "TSESS002", "6222000000001002", "A7");
    }

    @Test
    void iso93SaleIsDeclined120BeforeSignOnApprovedAfterItAndDeclinedAgainAfterSignOff() throws Exception {
        Dialect v93 = Dialects.byName("iso93-ascii");
        declinedBeforeSignOnApprovedAfterDeclinedAfterSignOff(v93, "TSESS006", "4000000000001006", "120");
    }

    @Test
    void cupSaleInABatchOtherThanItsSignOnIsDeclined() throws Exception {
        String tid = "TSESS003";
        String pan = "6222000000001003";
        assertThat(admin.put("/accounts/" + pan, "{\"balance\":1000000,\"currency\":\"156\"}").status()).isEqualTo(200);
        try (IsoClient c = new IsoClient(CUP, server.port(CUP.name()))) {
            assertThat(c.exchange(signOn(CUP, tid, 1)).msg().getString(39)).isEqualTo("00");
            assertThat(terminal(tid).get("batch").asText()).isEqualTo("000001");
            IsoFrame other = sale(CUP, tid, pan, 500, 2);
            other.msg().set(60, "22000002000");
            assertThat(c.exchange(other).msg().getString(39)).isEqualTo("A7");
            assertThat(admin.balance(pan)).isEqualTo(1_000_000);
            assertThat(c.exchange(sale(CUP, tid, pan, 500, 3)).msg().getString(39)).isEqualTo("00");
            assertThat(admin.balance(pan)).isEqualTo(1_000_000 - 500);
        }
    }

    @Test
    void stanReusedForADifferentSaleIsReportedAndTheLedgerTreatsItAsAlways() throws Exception {
        String tid = "TSESS004";
        String pan = "4000000000001004";
        String other = "4000000000002004";
        try (LogCapture log = LogCapture.of(TerminalSessions.class);
             IsoClient c = new IsoClient(ASCII, server.port(ASCII.name()))) {
            assertThat(c.exchange(signOn(ASCII, tid, 1)).msg().getString(39)).isEqualTo("00");
            IsoFrame first = sale(ASCII, tid, pan, 1_000, 77);
            assertThat(c.exchange(first).msg().getString(39)).isEqualTo("00");
            // The same message again is a duplicate (94), not a reuse.
            assertThat(c.exchange(first).msg().getString(39)).isEqualTo("94");
            assertThat(terminal(tid).get("stanReuses").asInt()).isZero();

            IsoFrame second = sale(ASCII, tid, other, 2_500, 77);
            second.msg().set(7, "1122334466");
            IsoFrame answer = c.exchange(second);
            // What the ledger does with a new DE7 under a used STAN: a transaction of its own.
            assertThat(answer.msg().getString(39)).isEqualTo("00");
            assertThat(admin.balance(pan)).isEqualTo(1_000_000 - 1_000);
            assertThat(admin.balance(other)).isEqualTo(1_000_000 - 2_500);

            JsonNode t = terminal(tid);
            assertThat(t.get("stanReuses").asInt()).isEqualTo(1);
            JsonNode reuse = t.get("reuses").get(0);
            assertThat(reuse.get("stan").asText()).isEqualTo("000077");
            assertThat(reuse.get("first").get("amount").asLong()).isEqualTo(1_000);
            assertThat(reuse.get("first").get("pan").asText()).isEqualTo("400000******1004");
            assertThat(reuse.get("second").get("amount").asLong()).isEqualTo(2_500);
            assertThat(reuse.get("second").get("transmission").asText()).isEqualTo("1122334466");
            String line = log.await(s -> s.contains("STAN 000077 reused"), Duration.ofSeconds(5));
            assertThat(line).contains("400000******1004").contains("400000******2004").doesNotContain(pan);
        }
        PrometheusText m = PrometheusText.parse(admin.get("/metrics").body());
        assertThat(m.value("acqsim_terminals_stan_reuses_total", "dialect", ASCII.name())).isEqualTo(1);
        assertThat(AcqsimMetrics.STAN_REUSES).isEqualTo("acqsim.terminals.stan.reuses");
    }

    @Test
    void cupStanReusedInTheSameBatchIsReportedWhileTheLedgerStillAnswersItsDuplicate94() throws Exception {
        String tid = "TSESS005";
        String pan = "6222000000001005";
        try (IsoClient c = new IsoClient(CUP, server.port(CUP.name()))) {
            assertThat(c.exchange(signOn(CUP, tid, 1)).msg().getString(39)).isEqualTo("00");
            assertThat(c.exchange(sale(CUP, tid, pan, 100, 9)).msg().getString(39)).isEqualTo("00");
            // CUP keys a transaction by terminal, merchant, batch and STAN: the ledger calls this a duplicate.
            assertThat(c.exchange(sale(CUP, tid, pan, 300, 9)).msg().getString(39)).isEqualTo("94");
        }
        assertThat(admin.balance(pan)).isEqualTo(1_000_000 - 100);
        JsonNode t = terminal(tid);
        assertThat(t.get("stanReuses").asInt()).isEqualTo(1);
        assertThat(t.get("reuses").get(0).get("first").get("batch").asText()).isEqualTo("000001");
        assertThat(t.get("reuses").get(0).get("second").get("amount").asLong()).isEqualTo(300);
        PrometheusText m = PrometheusText.parse(admin.get("/metrics").body());
        assertThat(m.value("acqsim_terminals_stan_reuses_total", "dialect", CUP.name())).isEqualTo(1);
    }

    @Test
    void stanReusesAreScrapedAsZeroBeforeTheFirst() throws Exception {
        // No test here sends on iso87-binary: its counter is there, at zero.
        assertThat(admin.get("/metrics").body()).contains("acqsim_terminals_stan_reuses_total{dialect=\"iso87-binary\"} 0.0");
    }

    @Test
    void unknownTerminalIs404() throws Exception {
        AdminClient.Result r = admin.get("/terminals/NOSUCH01");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).contains("NOSUCH01");
    }
}
