package io.acqsim.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.Await;
import io.acqsim.core.testing.RawHttp;
import io.acqsim.core.testing.RunningServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The admin API under clients that stall it on purpose (issue 15: two such clients made every
 * {@code /health} time out on the JDK HTTP server): bodies announced and never sent, headers
 * trickled a byte at a time, more connections than allowed, bodies over the cap. Every other
 * caller keeps being answered, and the misbehaving connections are closed on time.
 */
class AdminStallTest {
    private static final String PAN = "4111111111111111";
    /** How long a well-behaved call may take while the stallers hold on: far below their hold. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    /** Sends {@code text} one byte every 50 ms on its own thread, so it stays incomplete for a long time. */
    private static final class Trickler implements AutoCloseable {
        final AtomicInteger sent = new AtomicInteger();
        private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();

        Trickler(RawHttp http, String text) {
            pacer.scheduleAtFixedRate(() -> {
                int i = sent.get();
                if (i < text.length()) {
                    try {
                        http.send(text.substring(i, i + 1));
                        sent.incrementAndGet();
                    } catch (IOException closed) {
                        pacer.shutdown();
                    }
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            pacer.shutdownNow();
        }
    }

    private static String longHeaders(String token) {
        StringBuilder sb = new StringBuilder("GET /health HTTP/1.1\r\nHost: acqsim\r\n");
        if (token != null) {
            sb.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        sb.append("X-Padding: ").append("p".repeat(2000)).append("\r\n\r\n"); // 100 s at 20 bytes/s
        return sb.toString();
    }

    private static void everyRouteAnswers(AdminClient admin) throws Exception {
        long start = System.nanoTime();
        AdminClient.Result health = admin.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        AdminClient.Result account = admin.get("/accounts/" + PAN);
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.json().get("balance").asLong()).isEqualTo(1_000_000);
        AdminClient.Result metrics = admin.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("acqsim_connections_open");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ANSWER_WITHIN.multipliedBy(3));
    }

    @Test
    void healthAccountsAndMetricsAnswerWhileClientsStallBodiesAndTrickleHeaders() throws Exception {
        try (AcqsimServer server = RunningServer.start()) {
            int port = server.adminPort();
            List<RawHttp> stalled = new ArrayList<>();
            List<Trickler> tricklers = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    stalled.add(new RawHttp(port, ANSWER_WITHIN).send("PUT /accounts/" + PAN + " HTTP/1.1\r\n"
                            + "Host: acqsim\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"bal"));
                    RawHttp slow = new RawHttp(port, ANSWER_WITHIN);
                    stalled.add(slow);
                    tricklers.add(new Trickler(slow, longHeaders(null)));
                }
                Await.until("the tricklers are half-way through their request line", Duration.ofSeconds(10),
                        () -> tricklers.stream().allMatch(t -> t.sent.get() >= 25));

                everyRouteAnswers(new AdminClient(port));

                assertThat(tricklers).allMatch(t -> t.sent.get() < longHeaders(null).length());
                assertThat(server.ledger().find(PAN).orElseThrow().balance()).isEqualTo(1_000_000);
            } finally {
                tricklers.forEach(Trickler::close);
                for (RawHttp c : stalled) {
                    c.close();
                }
            }
        }
    }

    @Test
    void withATokenAnUnauthenticatedRequestIsRefusedAtItsHeadersWithoutWaitingForItsBody() throws Exception {
        try (AcqsimServer server = AcqsimServer.start(RunningServer.config("admin:\n  token: s3cret\n"))) {
            int port = server.adminPort();
            List<Trickler> tricklers = new ArrayList<>();
            List<RawHttp> open = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    RawHttp slow = new RawHttp(port, ANSWER_WITHIN);
                    open.add(slow);
                    tricklers.add(new Trickler(slow, longHeaders(null)));
                }
                Await.until("the tricklers have started", Duration.ofSeconds(10),
                        () -> tricklers.stream().allMatch(t -> t.sent.get() >= 25));
                try (RawHttp anonymous = new RawHttp(port, ANSWER_WITHIN)) {
                    String r = anonymous.send("PUT /accounts/" + PAN + " HTTP/1.1\r\nHost: acqsim\r\n"
                            + "Content-Length: 1000\r\n\r\n{\"bal").readUntilClosed();
                    assertThat(RawHttp.status(r)).isEqualTo(401);
                    assertThat(r.toLowerCase()).contains("www-authenticate: bearer");
                    assertThat(RawHttp.body(r)).contains("\"error\"").contains("bearer token");
                }

                everyRouteAnswers(new AdminClient(port).withToken("s3cret"));
                assertThat(new AdminClient(port).get("/health").status()).isEqualTo(401);
                // The dashboard's static files stay open; they hold no data.
                assertThat(new AdminClient(port).get("/dashboard/app.js").status()).isEqualTo(200);
            } finally {
                tricklers.forEach(Trickler::close);
                for (RawHttp c : open) {
                    c.close();
                }
            }
        }
    }

    @Test
    void requestNotInFullWithinTheRequestTimeoutIsAnswered408AndClosed() throws Exception {
        try (AcqsimServer server = AcqsimServer.start(RunningServer.config("admin:\n  requestTimeout: 300ms\n"));
             RawHttp stalledBody = new RawHttp(server.adminPort(), Duration.ofSeconds(10));
             RawHttp trickler = new RawHttp(server.adminPort(), Duration.ofSeconds(10));
             Trickler t = new Trickler(trickler, longHeaders(null))) {
            long start = System.nanoTime();
            String r = stalledBody.send("PUT /accounts/" + PAN + " HTTP/1.1\r\nHost: acqsim\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"bal").readUntilClosed();

            assertThat(RawHttp.status(r)).isEqualTo(408);
            assertThat(RawHttp.body(r)).contains("admin.requestTimeout");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
            assertThat(RawHttp.status(trickler.readUntilClosed())).isEqualTo(408);
            assertThat(t.sent.get()).isLessThan(longHeaders(null).length());
            Await.until("the timeouts are metered", Duration.ofSeconds(5), () -> server.metrics().registry()
                    .get("acqsim.admin.requests.timedout").counter().count() == 2);
            assertThat(server.ledger().find(PAN).orElseThrow().balance()).isEqualTo(1_000_000);
        }
    }

    @Test
    void connectionsAboveAdminMaxConnectionsAreAnswered503AndAFreedSlotIsReused() throws Exception {
        try (AcqsimServer server = AcqsimServer.start(RunningServer.config("admin:\n  maxConnections: 2\n"))) {
            int port = server.adminPort();
            RawHttp first = new RawHttp(port, ANSWER_WITHIN).send("GET /hea");
            try (RawHttp second = new RawHttp(port, ANSWER_WITHIN).send("GET /hea");
                 RawHttp third = new RawHttp(port, ANSWER_WITHIN)) {
                String r = third.readUntilClosed();
                assertThat(RawHttp.status(r)).isEqualTo(503);
                assertThat(RawHttp.body(r)).contains("admin.maxConnections");
                assertThat(server.metrics().registry().get("acqsim.admin.connections.refused").counter().count())
                        .isEqualTo(1);

                first.close();
                AdminClient admin = new AdminClient(port);
                Await.until("a slot is free again", Duration.ofSeconds(10), () -> {
                    try {
                        return admin.get("/health").status() == 200;
                    } catch (IOException e) {
                        return false; // refused while the server had not seen the close yet
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
            }
        }
    }

    @Test
    void bodyAboveTheCapIsRefused413BeforeItIsRead() throws Exception {
        try (AcqsimServer server = RunningServer.start();
             RawHttp big = new RawHttp(server.adminPort(), ANSWER_WITHIN)) {
            String r = big.send("PUT /accounts/" + PAN + " HTTP/1.1\r\nHost: acqsim\r\nContent-Length: 50000000\r\n\r\n")
                    .readUntilClosed();
            assertThat(RawHttp.status(r)).isEqualTo(413);
            assertThat(RawHttp.body(r)).contains("\"error\"").contains("request body over");
        }
    }

    @Test
    void malformedRequestsGetAJsonError() throws Exception {
        try (AcqsimServer server = RunningServer.start()) {
            try (RawHttp huge = new RawHttp(server.adminPort(), ANSWER_WITHIN)) {
                String r = huge.send("GET /health HTTP/1.1\r\nX-Big: " + "h".repeat(40_000) + "\r\n\r\n").readUntilClosed();
                assertThat(RawHttp.status(r)).isEqualTo(431);
                assertThat(RawHttp.body(r)).contains("\"error\"");
            }
            try (RawHttp badTarget = new RawHttp(server.adminPort(), ANSWER_WITHIN)) {
                String r = badTarget.send("GET /accounts/4111|x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                        .readUntilClosed();
                assertThat(RawHttp.status(r)).isEqualTo(400);
                assertThat(RawHttp.body(r)).contains("\"error\"");
            }
            assertThat(new AdminClient(server.adminPort()).get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void adminOnANonLoopbackAddressWithoutATokenStopsTheStartSayingHowToFixIt() throws Exception {
        AcqsimConfig open = RunningServer.config("admin:\n  host: 0.0.0.0\n");
        assertThatThrownBy(() -> AcqsimServer.start(open)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("admin.host: 0.0.0.0 is not a loopback address and admin.token is not set")
                .hasMessageContaining("Set admin.token")
                .hasMessageContaining("admin.allowUnauthenticated: true");

        try (AcqsimServer withToken = AcqsimServer.start(RunningServer.config("admin:\n  host: 0.0.0.0\n  token: t\n"))) {
            assertThat(new AdminClient(withToken.adminPort()).withToken("t").get("/health").status()).isEqualTo(200);
        }
        // A token from the environment that turns out empty is no token.
        assertThatThrownBy(() -> AcqsimServer.start(RunningServer.config("admin:\n  host: 0.0.0.0\n"
                + "  token: ${ACQSIM_TEST_NEVER_SET:-}\n"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin.token is not set");
        try (AcqsimServer fromEnv = AcqsimServer.start(RunningServer.config("admin:\n  host: 0.0.0.0\n"
                + "  token: ${ACQSIM_TEST_NEVER_SET:-from-env}\n"))) {
            assertThat(new AdminClient(fromEnv.adminPort()).get("/health").status()).isEqualTo(401);
            assertThat(new AdminClient(fromEnv.adminPort()).withToken("from-env").get("/health").status())
                    .isEqualTo(200);
        }
        assertThatThrownBy(() -> RunningServer.config("admin:\n  token: ${ACQSIM_TEST_NEVER_SET}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin.token: environment variable ACQSIM_TEST_NEVER_SET is not set");
        try (AcqsimServer optedOut = AcqsimServer.start(
                RunningServer.config("admin:\n  host: 0.0.0.0\n  allowUnauthenticated: true\n"))) {
            assertThat(new AdminClient(optedOut.adminPort()).get("/health").status()).isEqualTo(200);
        }
    }
}
