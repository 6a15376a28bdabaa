package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.fuzz.Mutator;
import io.acqsim.codec.golden.GoldenVector;
import io.acqsim.codec.golden.GoldenVectors;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.LogCapture;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.SharedServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Garbage over TCP while a terminal does business: for a bounded time per dialect
 * ({@code -Dacqsim.fuzz.millis}, default 2000) connections send mutated golden vectors (see
 * {@link Mutator}) with right and wrong length prefixes, and meanwhile another connection of the
 * same listener completes sales, every one approved and on the ledger. Netty's leak detector runs
 * on paranoid (surefire's argLine) and must report nothing.
 */
class FuzzOverTcpTest {
    private static final long MILLIS = Long.getLong("acqsim.fuzz.millis", 2000);
    private static final long BASE_SEED = Long.getLong("acqsim.fuzz.seed", 0x0841_2000L);
    @RegisterExtension
    static final SharedServer acqsim = new SharedServer();

    static Stream<Dialect> dialects() {
        return Dialects.all().stream();
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void anotherConnectionCompletesSalesWhileGarbageFlows(Dialect dialect) throws Exception {
        int port = acqsim.server().port(dialect.name());
        String pan = "62258801" + String.format("%08d", Math.abs(dialect.name().hashCode()) % 100_000_000);
        AtomicBoolean garbageFlowing = new AtomicBoolean(true);
        AtomicInteger approved = new AtomicInteger();
        AtomicReference<Throwable> terminalFailed = new AtomicReference<>();
        Thread terminal = new Thread(() -> {
            try (IsoClient c = new IsoClient(dialect, port)) {
                for (int stan = 1; garbageFlowing.get(); stan++) {
                    String rc = c.exchange(Messages.sale(dialect, pan, 1, stan % 1_000_000)).msg().getString(39);
                    assertThat(rc).as("sale %d", stan).isEqualTo(Messages.code(dialect, "00"));
                    approved.incrementAndGet();
                }
            } catch (Throwable t) {
                terminalFailed.set(t);
            }
        }, "terminal-" + dialect);

        Mutator mutator = new Mutator(dialect, GoldenVectors.of(dialect.name()).stream().map(GoldenVector::body).toList());
        long seed = BASE_SEED ^ dialect.name().hashCode();
        Random random = new Random(seed);
        int connections = 0;
        int frames = 0;
        try (LogCapture leaks = LogCapture.of("io.netty.util.ResourceLeakDetector");
             LogCapture serverErrors = LogCapture.errorsOnly("io.acqsim")) {
            terminal.start();
            long deadline = System.nanoTime() + MILLIS * 1_000_000;
            // at least 20 sales beside the garbage however slow the machine, within a hard bound of 30 s
            long bound = System.nanoTime() + 30_000_000_000L;
            while ((System.nanoTime() < deadline || approved.get() < 20) && System.nanoTime() < bound
                    && terminalFailed.get() == null) {
                frames += garbageConnection(dialect, port, mutator, random);
                connections++;
            }
            garbageFlowing.set(false);
            terminal.join(10_000);

            assertThat(terminalFailed.get()).as("terminal beside the garbage (fuzz seed %d)", seed).isNull();
            assertThat(approved.get()).as("sales completed while garbage flowed").isGreaterThanOrEqualTo(20);
            assertThat(serverErrors.messages()).as("errors logged by the server").isEmpty();
            long balance = acqsim.server().ledger().find(pan).orElseThrow().balance();
            assertThat(balance).isEqualTo(1_000_000 - approved.get());
            try (IsoClient after = new IsoClient(dialect, port)) {
                assertThat(after.exchange(Messages.signOn(dialect, 1)).msg().getString(39))
                        .isEqualTo(dialect.is1993() ? "800" : "00");
            }
            System.gc();
            provokeLeakReports();
            assertThat(leaks.messages()).as("leak reports").isEmpty();
        }
        System.out.printf("tcp fuzz %s: %d garbage frames on %d connections (seed %d) beside %d approved sales%n",
                dialect, frames, connections, seed, approved.get());
    }

    /** One connection sending a few hostile frames; the server may answer 30 or close, both are fine. */
    private static int garbageConnection(Dialect dialect, int port, Mutator mutator, Random random) {
        int sent = 0;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            OutputStream out = s.getOutputStream();
            int count = 1 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                byte[] body = mutator.next(random).body();
                int announced = random.nextInt(10) == 0 ? random.nextInt(dialect.lengthHeader().maxValue() + 1)
                        : body.length;
                ByteBuf b = Unpooled.buffer();
                try {
                    dialect.lengthHeader().write(b, announced);
                    byte[] prefix = new byte[b.readableBytes()];
                    b.readBytes(prefix);
                    out.write(prefix);
                    out.write(body);
                    sent++;
                } finally {
                    b.release();
                }
            }
            out.flush();
            // Half-close and read until the server closes: garbage comes as fast as the server
            // deals with it, and every garbage connection is seen to be dealt with.
            s.shutdownOutput();
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // answers (format errors) are not the point here
            }
        } catch (SocketTimeoutException stuck) {
            throw new AssertionError("the server neither answered nor closed a garbage connection in 10 s", stuck);
        } catch (IOException closedByServer) {
            // the server closed a connection that sent something it could not read: expected
        }
        return sent;
    }

    /** Leaks are reported when a later allocation finds a collected, unreleased buffer. */
    private static void provokeLeakReports() {
        List<ByteBuf> bufs = Stream.generate(() -> Unpooled.directBuffer(64)).limit(64).toList();
        bufs.forEach(ByteBuf::release);
    }
}
