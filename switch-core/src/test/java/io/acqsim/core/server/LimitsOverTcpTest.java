package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.codec.dialect.Iso87Binary;
import io.acqsim.core.testing.Await;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.LogCapture;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Every limit of {@code limits.*}, each shown over real TCP against a server configured for it. */
class LimitsOverTcpTest {
    private static final Dialect ASCII = Iso87Ascii.INSTANCE;
    private static final String LISTENER = ASCII.name();

    private static AcqsimServer start(String limitsYaml) throws IOException {
        return AcqsimServer.start(RunningServer.config("limits:\n" + limitsYaml));
    }

    private static String signOnWorks(AcqsimServer server, Dialect d) throws IOException {
        try (IsoClient c = new IsoClient(d, server.port(d.name()))) {
            return c.exchange(Messages.signOn(d, 7)).msg().getString(39);
        }
    }

    @Test
    void frameAboveTheConfiguredCapClosesTheConnectionAndSmallerFramesPass() throws Exception {
        Dialect d = Iso87Binary.INSTANCE;
        try (AcqsimServer server = start("  maxFrameLength: 120\n");
             LogCapture log = LogCapture.of(RequestHandler.class);
             IsoClient bad = new IsoClient(d, server.port(d.name()))) {
            byte[] body = new byte[121];
            bad.sendRaw(IsoClient.frame(d, body));

            assertThat(bad.closedByPeer()).isTrue();
            assertThat(log.contains("frame length 121 exceeds the maximum of 120")).isTrue();
            assertThat(signOnWorks(server, d)).isEqualTo("00");
        }
    }

    @Test
    void connectionsAboveTheCapAreRefusedWithALogLineAndAFreedSlotIsReused() throws Exception {
        try (AcqsimServer server = start("  maxConnections: 2\n");
             LogCapture log = LogCapture.of(ConnectionLimitHandler.class)) {
            ListenerTraffic traffic = server.traffic(LISTENER);
            IsoClient first = new IsoClient(ASCII, server.port(LISTENER));
            try (IsoClient second = new IsoClient(ASCII, server.port(LISTENER))) {
                assertThat(first.exchange(Messages.signOn(ASCII, 1)).msg().getString(39)).isEqualTo("00");
                assertThat(second.exchange(Messages.signOn(ASCII, 2)).msg().getString(39)).isEqualTo("00");

                try (IsoClient third = new IsoClient(ASCII, server.port(LISTENER))) {
                    assertThat(third.closedByPeer()).isTrue();
                }
                assertThat(traffic.refusedConnections()).isEqualTo(1);
                assertThat(log.contains("refusing connection")).isTrue();
                assertThat(log.contains("limits.maxConnections")).isTrue();
                // The refused connection took nothing from the two that were let in.
                assertThat(second.exchange(Messages.signOn(ASCII, 3)).msg().getString(39)).isEqualTo("00");

                first.close();
                Await.until("the server sees the first connection closed", Duration.ofSeconds(5),
                        () -> traffic.openConnections() == 1);
                assertThat(signOnWorks(server, ASCII)).isEqualTo("00");
            }
        }
    }

    @Test
    void aStormOfRefusedConnectionsIsOneLogLineAndEveryRefusalIsMetered() throws Exception {
        try (AcqsimServer server = start("  maxConnections: 1\n");
             LogCapture log = LogCapture.of(ConnectionLimitHandler.class);
             IsoClient holder = new IsoClient(ASCII, server.port(LISTENER))) {
            assertThat(holder.exchange(Messages.signOn(ASCII, 1)).msg().getString(39)).isEqualTo("00");
            for (int i = 0; i < 30; i++) {
                try (IsoClient refused = new IsoClient(ASCII, server.port(LISTENER))) {
                    assertThat(refused.closedByPeer()).isTrue();
                }
            }
            Await.until("all 30 refusals counted", Duration.ofSeconds(10),
                    () -> server.traffic(LISTENER).refusedConnections() == 30);
            assertThat(server.metrics().registry().get("acqsim.connections.refused").tag("dialect", ASCII.name())
                    .functionCounter().count()).isEqualTo(30);
            // At most one line per interval (10 s); the rest are counted into the summary line after it.
            assertThat(log.messages().stream().filter(m -> m.contains("refusing connection"))).hasSize(1);
            assertThat(holder.exchange(Messages.signOn(ASCII, 2)).msg().getString(39)).isEqualTo("00");
        }
    }

    @Test
    void connectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        try (AcqsimServer server = start("  idleTimeout: 300ms\n");
             LogCapture log = LogCapture.of(SlowPeerHandler.class);
             IsoClient idle = new IsoClient(ASCII, server.port(LISTENER))) {
            assertThat(idle.exchange(Messages.signOn(ASCII, 1)).msg().getString(39)).isEqualTo("00");

            assertThat(idle.closedByPeer()).isTrue();

            assertThat(log.contains("limits.idleTimeout")).isTrue();
        }
    }

    @Test
    void senderTricklingAFrameIsClosedByTheReadTimeoutThoughItIsNeverIdle() throws Exception {
        byte[] frame = IsoClient.frame(ASCII, ASCII.encode(Messages.signOn(ASCII, 1)));
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try (AcqsimServer server = start("  readTimeout: 800ms\n  idleTimeout: 10m\n");
             LogCapture log = LogCapture.of(SlowPeerHandler.class);
             Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port(LISTENER)));
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            AtomicInteger sent = new AtomicInteger();
            long start = System.nanoTime();
            // One byte every 100 ms: the frame would take 6 s; the connection is never idle.
            pacer.scheduleAtFixedRate(() -> {
                int i = sent.get();
                if (i < frame.length) {
                    try {
                        out.write(frame[i]);
                        out.flush();
                        sent.incrementAndGet();
                    } catch (IOException closed) {
                        pacer.shutdown();
                    }
                }
            }, 0, 100, TimeUnit.MILLISECONDS);

            assertThat(closedByServer(socket)).as("the server closed the trickling connection").isTrue();

            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(800).toNanos());
            assertThat(sent.get()).isLessThan(frame.length);
            assertThat(log.contains("not complete within limits.readTimeout")).isTrue();
        } finally {
            pacer.shutdownNow();
        }
    }

    @Test
    void frameArrivingInPiecesWithinTheReadTimeoutIsAnswered() throws Exception {
        try (AcqsimServer server = start("  readTimeout: 5s\n");
             IsoClient c = new IsoClient(ASCII, server.port(LISTENER))) {
            byte[] frame = IsoClient.frame(ASCII, ASCII.encode(Messages.signOn(ASCII, 4)));
            c.sendRaw(Arrays.copyOf(frame, 10));
            c.sendRaw(Arrays.copyOfRange(frame, 10, frame.length));
            assertThat(c.receive().msg().getString(11)).isEqualTo("000004");
        }
    }

    @Test
    void clientThatNeverReadsItsResponsesIsPausedWithBoundedServerMemory() throws Exception {
        int writeLimit = 16 * 1024;
        try (AcqsimServer server = start("  writeBufferLimit: " + writeLimit + "\n");
             Socket hog = new Socket()) {
            ListenerTraffic traffic = server.traffic(LISTENER);
            hog.setReceiveBufferSize(4096);
            hog.connect(new InetSocketAddress("127.0.0.1", server.port(LISTENER)));
            byte[] signOn = IsoClient.frame(ASCII, ASCII.encode(Messages.signOn(ASCII, 1)));
            byte[] burst = new byte[signOn.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(signOn, 0, burst, i * signOn.length, signOn.length);
            }
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = hog.getOutputStream();
                    // Up to ~60 MB of sign-ons, never reading an answer: far more than any socket buffers.
                    for (int i = 0; i < 1000 && !Thread.currentThread().isInterrupted(); i++) {
                        out.write(burst);
                        written.addAndGet(burst.length);
                    }
                } catch (IOException closedByTest) {
                    // the test closes the socket once it has seen what it wanted
                }
            }, "non-reading-client");
            writer.setDaemon(true);
            writer.start();

            assertThat(traffic.awaitPaused(Duration.ofSeconds(20))).as("server paused reading").isTrue();
            // Paused, the server reads nothing more, so what it holds for this client can only shrink.
            long held = traffic.pendingWriteBytes();
            assertThat(held).isGreaterThan(0).isLessThan(writeLimit + 256 * 1024);
            assertThat(writer.isAlive()).as("the client is blocked: the server stopped reading").isTrue();
            // Meanwhile another terminal is served as usual.
            assertThat(signOnWorks(server, ASCII)).isEqualTo("00");

            hog.close();
            writer.join(10_000);
            Await.until("the hog's connection is gone", Duration.ofSeconds(10),
                    () -> traffic.openConnections() == 0 && traffic.pausedConnections() == 0);
            assertThat(traffic.pendingWriteBytes()).isZero();
        }
    }

    /**
     * End of stream, or a reset: the server closing a connection whose bytes it had not read yet
     * may make the client's kernel see a reset rather than a FIN. A read timeout is not a close.
     */
    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }
}
