package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.core.testing.Await;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.LogCapture;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

/**
 * A client that pipelines and reads slowly makes acqsim pause reading it (backpressure). Issue 15:
 * 30 s later the read timeout fired on the frame that was half-read only because acqsim stopped
 * reading, and 31,537 posted sales went unanswered. Now the pause stops that clock; what closes a
 * peer that really stopped reading is {@code limits.writeTimeout}, with a line and a meter saying
 * what it left undelivered.
 */
class SlowReaderOverTcpTest {
    private static final Dialect ASCII = Iso87Ascii.INSTANCE;
    private static final String LISTENER = ASCII.name();
    private static final long OPENING = 1_000_000;

    /**
     * Pipelines sales of 1 minor unit each (STANs 1, 2, ...), a thousand at a time, without reading,
     * until told to stop: enough to fill the kernel's socket buffers (megabytes on loopback) so that
     * acqsim's own write buffer fills and it pauses.
     */
    private static final class Pipeliner extends Thread {
        final AtomicInteger written = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> failed = new AtomicReference<>();
        private final Socket socket;
        private final String pan;

        Pipeliner(Socket socket, String pan) {
            super("pipelining-client");
            setDaemon(true);
            this.socket = socket;
            this.pan = pan;
        }

        @Override
        public void run() {
            try {
                while (!stop.get() && written.get() < 900_000) {
                    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
                    for (int i = 1; i <= 1000; i++) {
                        chunk.write(IsoClient.frame(ASCII, ASCII.encode(Messages.sale(ASCII, pan, 1, written.get() + i))));
                    }
                    socket.getOutputStream().write(chunk.toByteArray());
                    written.addAndGet(1000);
                }
            } catch (Exception e) {
                failed.set(e);
            }
        }
    }

    /**
     * A client socket with a small receive buffer, whose server side gets a small fixed send buffer
     * too: Linux grows a loopback send buffer to megabytes by itself, so without it acqsim's own
     * write buffer would fill (and reading pause for good) only after tens of thousands of responses.
     */
    private static Socket slowSocket(AcqsimServer server) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", server.port(LISTENER)), 5000);
        ListenerTraffic traffic = server.traffic(LISTENER);
        Await.until("acqsim has the connection", Duration.ofSeconds(5), () -> traffic.openConnections() == 1);
        for (io.netty.channel.Channel ch : traffic.connections().channels()) {
            ch.config().setOption(io.netty.channel.ChannelOption.SO_SNDBUF, 4096);
        }
        return s;
    }

    /** Waits until the server closed a connection that sent one byte of a frame: proof that readTimeout passed. */
    private static void readTimeoutElapses(AcqsimServer server) throws IOException {
        try (IsoClient trickler = new IsoClient(ASCII, server.port(LISTENER), Duration.ofSeconds(10))) {
            trickler.sendRaw(new byte[] {'0'});
            assertThat(trickler.closedByPeer()).as("the read timeout closed the trickling probe").isTrue();
        }
    }

    @Test
    void slowReaderThatCatchesUpLosesNothingThoughItWasPausedLongerThanTheReadTimeout() throws Exception {
        String pan = "6225880000003000";
        try (AcqsimServer server = AcqsimServer.start(RunningServer.config("limits:\n  readTimeout: 300ms\n"
                + "  writeBufferLimit: 4096\n"));
             LogCapture log = LogCapture.of("io.acqsim");
             Socket slow = slowSocket(server)) {
            ListenerTraffic traffic = server.traffic(LISTENER);
            Pipeliner client = new Pipeliner(slow, pan);
            client.start();

            assertThat(traffic.awaitPaused(Duration.ofSeconds(60))).as(() -> "acqsim paused reading the slow client; written "
                    + client.written + " answered " + traffic.answered() + " pending bytes " + traffic.pendingWriteBytes()
                    + " failed " + client.failed.get()).isTrue();
            client.stop.set(true);
            // Two read timeouts pass, one after the other, while the client reads nothing.
            readTimeoutElapses(server);
            readTimeoutElapses(server);

            BitSet answered = new BitSet();
            int received = 0;
            try (IsoClient reader = new IsoClient(ASCII, slow, Duration.ofSeconds(20))) {
                while (client.isAlive() || received < client.written.get()) {
                    ISOMsg r = reader.receive().msg();
                    received++;
                    assertThat(r.getMTI()).isEqualTo("0210");
                    assertThat(r.getString(39)).as("sale %s", r.getString(11)).isEqualTo("00");
                    answered.set(Integer.parseInt(r.getString(11)));
                }
                int sales = client.written.get();
                assertThat(client.failed.get()).isNull();
                assertThat(sales).isGreaterThanOrEqualTo(1000);
                assertThat(received).isEqualTo(sales);
                assertThat(answered.cardinality()).isEqualTo(sales);
                assertThat(answered.nextClearBit(1)).isEqualTo(sales + 1);
                assertThat(server.ledger().find(pan).orElseThrow().balance()).isEqualTo(OPENING - sales);
                assertThat(traffic.inFlight()).isZero();
                assertThat(log.messages()).noneMatch(m -> m.contains("limits.readTimeout") && !m.contains("0 bytes")
                        && m.contains(slow.getLocalSocketAddress().toString()));
                assertThat(server.metrics().registry().find("acqsim.responses.undelivered").counters()).isEmpty();
            }
        }
    }

    @Test
    void halfReadFrameOfAConnectionPausedAtMaxInFlightIsNotClosedByTheReadTimeout() throws Exception {
        String pan = "6225880000003002";
        try (AcqsimServer server = AcqsimServer.start(RunningServer.config("limits:\n  readTimeout: 300ms\n"
                + "  maxInFlight: 4\n"));
             IsoClient terminal = new IsoClient(ASCII, server.port(LISTENER), Duration.ofSeconds(20))) {
            ListenerTraffic traffic = server.traffic(LISTENER);
            assertThat(new io.acqsim.core.testing.AdminClient(server.adminPort())
                    .post("/rules", "{\"match\": {\"amount\": 777}, \"action\": {\"delay\": \"3s\"}}").status())
                    .isEqualTo(201);
            // Four slow sales fill maxInFlight; the fifth arrives half, in the same segment: acqsim reads
            // the four, pauses, and holds the fifth's first half for as long as the four take.
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int stan = 1; stan <= 4; stan++) {
                burst.write(IsoClient.frame(ASCII, ASCII.encode(Messages.sale(ASCII, pan, 777, stan))));
            }
            byte[] fifth = IsoClient.frame(ASCII, ASCII.encode(Messages.sale(ASCII, pan, 1, 5)));
            burst.write(fifth, 0, fifth.length / 2);
            terminal.sendRaw(burst.toByteArray());

            assertThat(traffic.awaitPaused(Duration.ofSeconds(10))).isTrue();
            readTimeoutElapses(server);
            readTimeoutElapses(server);
            terminal.sendRaw(java.util.Arrays.copyOfRange(fifth, fifth.length / 2, fifth.length));

            BitSet answered = new BitSet();
            for (int i = 0; i < 5; i++) {
                ISOMsg r = terminal.receive().msg();
                assertThat(r.getString(39)).isEqualTo("00");
                answered.set(Integer.parseInt(r.getString(11)));
            }
            assertThat(answered.cardinality()).isEqualTo(5);
            assertThat(answered.nextClearBit(1)).isEqualTo(6);
            assertThat(server.ledger().find(pan).orElseThrow().balance()).isEqualTo(OPENING - 4 * 777 - 1);
        }
    }

    @Test
    void peerThatTakesNoResponsesForTheWriteTimeoutIsClosedWithOneLineCountingWhatItLeftUndelivered()
            throws Exception {
        String pan = "6225880000003001";
        try (AcqsimServer server = AcqsimServer.start(RunningServer.config("limits:\n  writeTimeout: 500ms\n"
                + "  writeBufferLimit: 4096\n"));
             LogCapture log = LogCapture.of(BackpressureHandler.class);
             Socket deaf = slowSocket(server)) {
            ListenerTraffic traffic = server.traffic(LISTENER);
            Pipeliner client = new Pipeliner(deaf, pan);
            client.start();

            String line = log.await(m -> m.contains("limits.writeTimeout"), Duration.ofSeconds(20));

            Matcher m = Pattern.compile("closing with (\\d+) responses undelivered").matcher(line);
            assertThat(m.find()).as(line).isTrue();
            int undelivered = Integer.parseInt(m.group(1));
            assertThat(undelivered).isPositive();
            Await.until("the connection is closed and nothing is in flight", Duration.ofSeconds(10),
                    () -> traffic.openConnections() == 0 && traffic.inFlight() == 0);
            assertThat(log.messages().stream().filter(x -> x.contains("limits.writeTimeout"))).hasSize(1);
            var registry = server.metrics().registry();
            assertThat(registry.get("acqsim.connections.write.timeouts").tag("dialect", LISTENER).counter().count())
                    .isEqualTo(1);
            Await.until("the undelivered responses are metered", Duration.ofSeconds(5), () -> registry
                    .get("acqsim.responses.undelivered").tag("dialect", LISTENER).tag("code", "00").counter()
                    .count() == undelivered);
            // Every sale the host read was posted, answered or not: the ledger and the meters agree.
            long posted = OPENING - server.ledger().find(pan).orElseThrow().balance();
            assertThat(posted).isGreaterThanOrEqualTo(undelivered).isLessThanOrEqualTo(client.written.get());
            // messages.out counts responses handed to the connection (no promise per response), the
            // undelivered among them too
            assertThat(registry.get("acqsim.messages.out").tag("dialect", LISTENER).tag("mti", "0210")
                    .tag("code", "00").counter().count()).isEqualTo(posted);
        }
    }
}
