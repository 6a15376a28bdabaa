package io.acqsim.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.PrometheusText;
import io.acqsim.core.testing.RunningServer;
import io.acqsim.core.testing.SharedServer;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics} over real HTTP after real messages over TCP. */
class MetricsOverTcpTest {
    private static final String ZERO_BALANCE = "4000000000000002";
    @RegisterExtension
    static final SharedServer acqsim = new SharedServer();

    private static PrometheusText scrape() throws Exception {
        AdminClient.Result r = acqsim.admin().get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain; version=0.0.4");
        return PrometheusText.parse(r.body());
    }

    /** A reversal of an ISO sale: the sale's DE2, 3, 4, 7, 11, 41, 42 under MTI 0400. */
    static IsoFrame reversalOf(IsoFrame sale) throws Exception {
        ISOMsg m = (ISOMsg) sale.msg().clone();
        m.setMTI("0400");
        return sale.with(m);
    }

    /**
     * One more exchange on the same connection: its response is written only after the event loop
     * has finished with the previous one, including the previous write's completion, so every
     * meter of the previous messages is up to date when it arrives.
     */
    private static void barrier(IsoClient c) throws Exception {
        assertThat(c.exchange(Messages.signOn(c.dialect(), 999)).msg().getString(39)).isEqualTo("00");
    }

    @Test
    void countersMoveByExactlyTheSaleTheDeclineAndTheReversal() throws Exception {
        Dialect dialect = Dialects.byName("iso87-binary");
        String d = dialect.name();
        PrometheusText before = scrape();
        try (IsoClient c = new IsoClient(dialect, acqsim.server().port("iso87-binary"))) {
            IsoFrame sale = Messages.sale(dialect, "4111111111111111", 1050, 101);
            assertThat(c.exchange(sale).msg().getString(39)).isEqualTo("00");
            assertThat(c.exchange(Messages.sale(dialect, ZERO_BALANCE, 700, 102)).msg().getString(39))
                    .isEqualTo("51");
            IsoFrame reversalResponse = c.exchange(reversalOf(sale));
            assertThat(reversalResponse.msg().getString(0)).isEqualTo("0410");
            assertThat(reversalResponse.msg().getString(39)).isEqualTo("00");
            barrier(c);

            PrometheusText after = scrape();
            assertThat(delta(before, after, "acqsim_messages_in_total", "dialect", d, "mti", "0200")).isEqualTo(2);
            assertThat(delta(before, after, "acqsim_messages_in_total", "dialect", d, "mti", "0400")).isEqualTo(1);
            assertThat(delta(before, after, "acqsim_messages_out_total", "code", "00", "dialect", d, "mti", "0210"))
                    .isEqualTo(1);
            assertThat(delta(before, after, "acqsim_messages_out_total", "code", "51", "dialect", d, "mti", "0210"))
                    .isEqualTo(1);
            assertThat(delta(before, after, "acqsim_messages_out_total", "code", "00", "dialect", d,
                    "mti", "0410")).isEqualTo(1);
            assertThat(delta(before, after, "acqsim_processing_latency_seconds_count", "dialect", d, "mti", "0200"))
                    .isEqualTo(2);
            assertThat(delta(before, after, "acqsim_processing_latency_seconds_count", "dialect", d, "mti", "0400"))
                    .isEqualTo(1);
            assertThat(after.value("acqsim_processing_latency_seconds", "dialect", d, "mti", "0200",
                    "quantile", "0.99")).isPositive();

            // The ledger: the sale is now reversed, the decline stayed declined, the reversal is on file.
            assertThat(delta(before, after, "acqsim_ledger_transactions", "state", "reversed", "type", "sale"))
                    .isEqualTo(1);
            assertThat(delta(before, after, "acqsim_ledger_amount", "state", "reversed", "type", "sale"))
                    .isEqualTo(1050);
            assertThat(delta(before, after, "acqsim_ledger_transactions", "state", "approved", "type", "sale"))
                    .isZero();
            assertThat(delta(before, after, "acqsim_ledger_transactions", "state", "declined", "type", "sale"))
                    .isEqualTo(1);
            assertThat(delta(before, after, "acqsim_ledger_amount", "state", "declined", "type", "sale"))
                    .isEqualTo(700);
            assertThat(delta(before, after, "acqsim_ledger_transactions", "state", "approved", "type", "reversal"))
                    .isEqualTo(1);
            assertThat(after.value("acqsim_ledger_tombstones")).isEqualTo(before.value("acqsim_ledger_tombstones"));
        }
    }

    @Test
    void connectionsOpenCountsTheLiveConnectionsOfEachDialect() throws Exception {
        try (AcqsimServer fresh = RunningServer.start()) {
            Dialect dialect = Dialects.byName("cup-pos");
            try (IsoClient a = new IsoClient(dialect, fresh.port("cup-pos"));
                 IsoClient b = new IsoClient(dialect, fresh.port("cup-pos"))) {
                barrier(a);
                barrier(b);
                PrometheusText now = PrometheusText.parse(new AdminClient(fresh.adminPort()).get("/metrics").body());
                assertThat(now.value("acqsim_connections_open", "dialect", "cup-pos")).isEqualTo(2);
                assertThat(now.value("acqsim_connections_accepted_total", "dialect", "cup-pos")).isEqualTo(2);
                assertThat(now.value("acqsim_connections_open", "dialect", "iso87-binary")).isZero();
            }
        }
    }

    @Test
    void refusedConnectionsAndRequestsInFlightAreGaugedPerDialect() throws Exception {
        String yaml = "limits:\n  maxConnections: 1\n";
        try (AcqsimServer fresh = AcqsimServer.start(RunningServer.config(yaml))) {
            Dialect dialect = Dialects.byName("iso87-ascii");
            AdminClient freshAdmin = new AdminClient(fresh.adminPort());
            // Hold one response back for rules.lateDelay (65 s): that request stays in flight.
            assertThat(freshAdmin.post("/rules", "{\"match\":{\"amount\":4321},\"action\":{\"delay\":\"late\"}}")
                    .status()).isEqualTo(201);
            try (IsoClient c = new IsoClient(dialect, fresh.port("iso87-ascii"))) {
                barrier(c);
                try (IsoClient refused = new IsoClient(dialect, fresh.port("iso87-ascii"))) {
                    assertThat(refused.closedByPeer()).isTrue();
                }
                c.send(Messages.sale(dialect, "4111111111111111", 4321, 301));
                barrier(c); // answered after the held sale was read, so the sale is in flight now
                PrometheusText now = PrometheusText.parse(freshAdmin.get("/metrics").body());
                assertThat(now.value("acqsim_connections_refused_total", "dialect", "iso87-ascii")).isEqualTo(1);
                assertThat(now.value("acqsim_connections_refused_total", "dialect", "cup-pos")).isZero();
                assertThat(now.value("acqsim_requests_inflight", "dialect", "iso87-ascii")).isEqualTo(1);
                assertThat(now.value("acqsim_connections_open", "dialect", "iso87-ascii")).isEqualTo(1);
                assertThat(now.value("acqsim_connections_paused", "dialect", "iso87-ascii")).isZero();
            }
        }
    }

    @Test
    void aReversalOfAnUnknownSaleLeavesATombstone() throws Exception {
        Dialect dialect = Dialects.byName("iso87-ascii");
        PrometheusText before = scrape();
        try (IsoClient c = new IsoClient(dialect, acqsim.server().port("iso87-ascii"))) {
            IsoFrame neverSent = Messages.sale(dialect, "4111111111111111", 5000, 555);
            assertThat(c.exchange(reversalOf(neverSent)).msg().getString(39)).isEqualTo("00");
            barrier(c);
        }
        PrometheusText after = scrape();
        assertThat(delta(before, after, "acqsim_ledger_tombstones")).isEqualTo(1);
        assertThat(delta(before, after, "acqsim_messages_out_total", "code", "00", "dialect", "iso87-ascii",
                "mti", "0410")).isEqualTo(1);
    }

    @Test
    void scriptedFaultsAreCountedByWhatTheyDid() throws Exception {
        Dialect dialect = Dialects.byName("iso87-binary");
        PrometheusText before = scrape();
        try (IsoClient c = new IsoClient(dialect, acqsim.server().port("iso87-binary"))) {
            // The shipped rules: 9000.05 answers 05, 9100.01 loses the response.
            assertThat(c.exchange(Messages.sale(dialect, "4111111111111111", 900005, 201)).msg().getString(39))
                    .isEqualTo("05");
            c.send(Messages.sale(dialect, "4111111111111111", 910001, 202));
            barrier(c);
        }
        PrometheusText after = scrape();
        assertThat(delta(before, after, "acqsim_faults_fired_total", "action", "respond")).isEqualTo(1);
        assertThat(delta(before, after, "acqsim_faults_fired_total", "action", "drop_response")).isEqualTo(1);
        assertThat(delta(before, after, "acqsim_messages_in_total", "dialect", "iso87-binary", "mti", "0200"))
                .isEqualTo(2);
        assertThat(delta(before, after, "acqsim_messages_out_total", "code", "05", "dialect", "iso87-binary",
                "mti", "0210")).isEqualTo(1);
        assertThat(delta(before, after, "acqsim_messages_out_total", "code", "00", "dialect", "iso87-binary",
                "mti", "0210")).isZero();
    }

    @Test
    void tagsNeverCarryCardNumbersStansOrTerminals() throws Exception {
        Dialect dialect = Dialects.byName("iso87-ascii");
        try (IsoClient c = new IsoClient(dialect, acqsim.server().port("iso87-ascii"))) {
            assertThat(c.exchange(Messages.sale(dialect, "4111111111111111", 1234, 424242)).msg().getString(39))
                    .isEqualTo("00");
            barrier(c);
        }
        String text = acqsim.admin().get("/metrics").body();
        assertThat(text).contains("acqsim_messages_in_total{dialect=\"iso87-ascii\",mti=\"0200\"}")
                .doesNotContain("4111111111111111").doesNotContain("424242").doesNotContain(Messages.TERMINAL)
                .doesNotContain(Messages.MERCHANT);
        for (PrometheusText.Sample s : PrometheusText.parse(text).samples()) {
            assertThat(s.labels().keySet()).isSubsetOf("dialect", "mti", "code", "type", "state", "action",
                    "quantile");
        }
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
