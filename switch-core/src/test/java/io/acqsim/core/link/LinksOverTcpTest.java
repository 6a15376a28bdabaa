package io.acqsim.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.Await;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.PrometheusText;
import io.acqsim.core.testing.RunningServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connect-out listener over real TCP: a test server plays the partner host. acqsim dials it,
 * answers a sale, sends echo tests on the injected timer's schedule, redials with capped back-off
 * while the partner refuses, comes back and answers again, and declares the link dead when an
 * echo goes unanswered. Time moves only when the test advances the {@link ManualTimer}; every
 * wait is on an event, bounded.
 */
class LinksOverTcpTest {
    private static final Dialect ASCII = Dialects.byName("iso87-ascii");
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String PAN = "4000000000003001";

    private final ManualTimer timer = new ManualTimer(Instant.parse("2026-03-01T10:00:00Z"));
    private AcqsimServer server;
    private AdminClient admin;
    private ServerSocket partner;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (partner != null) {
            partner.close();
        }
    }

    private ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        s.setSoTimeout((int) BOUND.toMillis());
        return s;
    }

    private void start(int port) throws Exception {
        server = AcqsimServer.start(RunningServer.config("listeners:\n"
                + "  host-link:\n"
                + "    dialect: iso87-ascii\n"
                + "    connect: 127.0.0.1:" + port + "\n"
                + "    echoInterval: 60s\n"
                + "    echoTimeout: 10s\n"
                + "    reconnectDelay: 1s\n"
                + "    reconnectMaxDelay: 4s\n"), timer, null, timer);
        admin = new AdminClient(server.adminPort());
    }

    private JsonNode link() throws Exception {
        JsonNode all = admin.get("/links").json();
        assertThat(all.size()).isEqualTo(1);
        return all.get(0);
    }

    private JsonNode awaitLink(String what, Predicate<JsonNode> condition) throws Exception {
        Await.until(what, BOUND, () -> {
            try {
                return condition.test(link());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return link();
    }

    private IsoClient accept() throws IOException {
        return new IsoClient(ASCII, partner.accept(), BOUND);
    }

    private void saleIsAnswered(IsoClient p, int stan, long balanceAfter) throws Exception {
        IsoFrame answer = p.exchange(Messages.sale(ASCII, PAN, 1_000, stan));
        assertThat(answer.msg().getMTI()).isEqualTo("0210");
        assertThat(answer.msg().getString(39)).isEqualTo("00");
        assertThat(answer.msg().getString(11)).isEqualTo(Messages.stan(stan));
        assertThat(admin.balance(PAN)).isEqualTo(balanceAfter);
    }

    /** Reads the link's echo test from the partner side and checks it is an ISO 1987 0800 / 301. */
    private static ISOMsg receiveEcho(IsoClient p, String stan) throws Exception {
        ISOMsg echo = p.receive().msg();
        assertThat(echo.getMTI()).isEqualTo("0800");
        assertThat(echo.getString(70)).isEqualTo("301");
        assertThat(echo.getString(11)).isEqualTo(stan);
        assertThat(echo.getString(7)).hasSize(10);
        return echo;
    }

    private static IsoFrame answer(ISOMsg echo) throws Exception {
        IsoFrame f = Messages.frame(ASCII, "0810");
        f.msg().set(7, echo.getString(7));
        f.msg().set(11, echo.getString(11));
        f.msg().set(39, "00");
        f.msg().set(70, "301");
        return f;
    }

    @Test
    void dialsAnswersEchoesRedialsWithCappedBackOffAndAnswersAgain() throws Exception {
        partner = listen(0);
        int port = partner.getLocalPort();
        start(port);

        IsoClient p = accept();
        JsonNode up = awaitLink("link up", l -> l.get("state").asText().equals("UP"));
        assertThat(up.get("name").asText()).isEqualTo("host-link");
        assertThat(up.get("connect").asText()).isEqualTo("127.0.0.1:" + port);
        assertThat(up.get("reconnects").asInt()).isZero();
        assertThat(up.get("echo").get("sent").asInt()).isZero();
        saleIsAnswered(p, 1, 1_000_000 - 1_000);

        // The echo goes out on schedule, not before: nothing comes until the timer reaches 60 s.
        timer.awaitPending(Duration.ofSeconds(60), BOUND);
        timer.advance(Duration.ofSeconds(59));
        assertThat(link().get("echo").get("sent").asInt()).isZero();
        timer.advance(Duration.ofSeconds(1));
        p.send(answer(receiveEcho(p, "000001")));
        JsonNode echoed = awaitLink("echo answered", l -> l.get("echo").get("answered").asInt() == 1);
        assertThat(echoed.get("echo").get("sent").asInt()).isEqualTo(1);
        assertThat(echoed.get("echo").get("lastAnswered").asText()).isEqualTo("2026-03-01T10:01:00Z");
        assertThat(echoed.get("echo").get("lastCode").asText()).isEqualTo("00");
        assertThat(echoed.get("state").asText()).isEqualTo("UP");

        // The partner drops the link and refuses connections for a while.
        p.close();
        partner.close();
        JsonNode down = awaitLink("link down", l -> l.get("state").asText().equals("DOWN"));
        assertThat(down.get("lastProblem").asText()).contains("closed by the partner");
        assertThat(down.get("since").asText()).isEqualTo("2026-03-01T10:01:00Z");
        for (int[] step : new int[][] {{1, 1}, {2, 2}, {4, 3}}) {
            timer.awaitPending(Duration.ofSeconds(step[0]), BOUND);
            timer.advance(Duration.ofSeconds(step[0]));
            int failures = step[1];
            awaitLink("refused " + failures + " times",
                    l -> l.get("failedAttempts").asInt() == failures && l.get("state").asText().equals("DOWN"));
        }
        JsonNode retrying = link();
        assertThat(retrying.get("since").asText()).as("the latest failed dial").isEqualTo("2026-03-01T10:01:07Z");
        assertThat(retrying.get("downSince").asText()).as("since the drop").isEqualTo("2026-03-01T10:01:00Z");
        assertThat(retrying.get("nextAttempt").asText()).isEqualTo("2026-03-01T10:01:11Z");
        // Back-off capped at reconnectMaxDelay (4 s), not 8 s.
        timer.awaitPending(Duration.ofSeconds(4), BOUND);
        assertThat(timer.pendingDelays()).containsExactly(Duration.ofSeconds(4));
        assertThat(link().get("lastProblem").asText()).contains("cannot connect to 127.0.0.1:" + port);

        partner = listen(port);
        timer.advance(Duration.ofSeconds(4));
        p = accept();
        JsonNode back = awaitLink("link up again", l -> l.get("state").asText().equals("UP"));
        assertThat(back.get("reconnects").asInt()).isEqualTo(1);
        assertThat(back.get("connects").asInt()).isEqualTo(2);
        assertThat(back.get("downSince").isNull()).isTrue();
        assertThat(back.get("since").asText()).isEqualTo("2026-03-01T10:01:11Z");
        saleIsAnswered(p, 2, 1_000_000 - 2_000);

        // An echo nobody answers: the link is declared dead, closed, and redialled after the
        // first back-off step again.
        timer.awaitPending(Duration.ofSeconds(60), BOUND);
        timer.advance(Duration.ofSeconds(60));
        receiveEcho(p, "000002");
        timer.advance(Duration.ofSeconds(10));
        assertThat(p.closedByPeer()).isTrue();
        JsonNode dead = awaitLink("declared dead", l -> l.get("state").asText().equals("DOWN"));
        assertThat(dead.get("echo").get("missed").asInt()).isEqualTo(1);
        assertThat(dead.get("lastProblem").asText()).contains("not answered within 10s");
        timer.awaitPending(Duration.ofSeconds(1), BOUND);
        timer.advance(Duration.ofSeconds(1));
        p = accept();
        awaitLink("up a third time", l -> l.get("state").asText().equals("UP") && l.get("reconnects").asInt() == 2);
        saleIsAnswered(p, 3, 1_000_000 - 3_000);

        PrometheusText m = PrometheusText.parse(admin.get("/metrics").body());
        assertThat(m.value("acqsim_links_echoes_total", "link", "host-link", "result", "sent")).isEqualTo(2);
        assertThat(m.value("acqsim_links_echoes_total", "link", "host-link", "result", "answered")).isEqualTo(1);
        assertThat(m.value("acqsim_links_echoes_total", "link", "host-link", "result", "missed")).isEqualTo(1);
        assertThat(m.value("acqsim_links_connect_failures_total", "link", "host-link")).isEqualTo(3);
        assertThat(m.value("acqsim_links_transitions_total", "link", "host-link", "state", "up")).isEqualTo(3);
        assertThat(m.value("acqsim_links_up", "link", "host-link")).isEqualTo(1);
        p.close();
    }
}
