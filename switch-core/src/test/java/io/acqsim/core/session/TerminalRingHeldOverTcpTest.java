package io.acqsim.core.session;

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
import io.acqsim.core.testing.PrometheusText;
import io.acqsim.core.testing.RunningServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A terminal's STAN ring held by another thread (as another event loop in the middle of a check
 * would hold it) never makes the event loop wait: the request is answered at once, and the STAN
 * reuse it makes is reported, logged and counted when the holder lets the ring go.
 */
class TerminalRingHeldOverTcpTest {
    private static final Dialect ASCII = Dialects.byName("iso87-ascii");
    private static AcqsimServer server;
    private static AdminClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start();
        admin = new AdminClient(server.adminPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static IsoFrame sale(String tid, String pan, long amount, int stan) {
        IsoFrame f = Messages.sale(ASCII, pan, amount, stan);
        f.msg().set(41, tid);
        return f;
    }

    @Test
    void aSaleWhoseTerminalRingIsHeldIsAnsweredAtOnceAndItsReuseCountedWhenTheRingIsLetGo() throws Exception {
        String tid = "TRING001";
        try (LogCapture log = LogCapture.of(TerminalSessions.class);
             IsoClient c = new IsoClient(ASCII, server.port(ASCII.name()), Duration.ofSeconds(5))) {
            assertThat(c.exchange(sale(tid, "4000000000003001", 1_000, 88)).msg().getString(39)).isEqualTo("00");
            TerminalState state = server.sessions().state(tid);
            assertThat(state.holdRing()).isTrue();
            try {
                IsoFrame second = sale(tid, "4000000000003002", 2_000, 88);
                second.msg().set(7, "1122334477");
                // answered within the client's bounded read: admit did not wait for the ring
                assertThat(c.exchange(second).msg().getString(39)).isEqualTo("00");
                assertThat(state.handedOver()).isEqualTo(1);
                assertThat(admin.get("/terminals/" + tid).json().get("stanReuses").asInt()).isZero();
            } finally {
                state.releaseRing(server.sessions().reporter());
            }
            JsonNode t = admin.get("/terminals/" + tid).json();
            assertThat(t.get("stanReuses").asInt()).isEqualTo(1);
            assertThat(t.get("reuses").get(0).get("second").get("amount").asLong()).isEqualTo(2_000);
            String line = log.await(s -> s.contains("STAN 000088 reused"), Duration.ofSeconds(5));
            assertThat(line).contains(ASCII.name() + " terminal " + tid).contains("400000******3002");
        }
        PrometheusText m = PrometheusText.parse(admin.get("/metrics").body());
        assertThat(m.value("acqsim_terminals_stan_reuses_total", "dialect", ASCII.name())).isEqualTo(1);
    }
}
