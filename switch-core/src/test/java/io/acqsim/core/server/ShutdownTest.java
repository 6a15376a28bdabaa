package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Iso87Binary;
import io.acqsim.core.testing.Await;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.LogCapture;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link AcqsimServer#shutdown}: stop accepting, answer what was read, then close and say so. */
class ShutdownTest {
    private static final Dialect D = Iso87Binary.INSTANCE;

    @Test
    void shutdownDuringAStreamOfSalesAnswersEverySaleItPostedAndLogsTheCounts() throws Exception {
        AcqsimServer server = RunningServer.start();
        int port = server.port(D.name());
        AtomicInteger answered = new AtomicInteger();
        List<Thread> terminals = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            String pan = "411111111111" + String.format("%04d", 1000 + t);
            Thread th = new Thread(() -> {
                try (IsoClient c = new IsoClient(D, port)) {
                    for (int stan = 1; ; stan++) {
                        if (!"00".equals(c.exchange(Messages.sale(D, pan, 100, stan)).msg().getString(39))) {
                            return;
                        }
                        answered.incrementAndGet();
                    }
                } catch (IOException closedByShutdown) {
                    // the end of the stream: the server closed the connection
                }
            }, "terminal-" + t);
            th.start();
            terminals.add(th);
        }
        Await.until("sales flowing", Duration.ofSeconds(10), () -> answered.get() >= 60);

        AcqsimServer.ShutdownReport report;
        try (LogCapture log = LogCapture.of(AcqsimServer.class)) {
            report = server.shutdown(Duration.ofSeconds(5));
            assertThat(log.contains("shutdown: " + report.completed() + " completed, " + report.dropped() + " dropped"))
                    .isTrue();
        }
        for (Thread th : terminals) {
            th.join(10_000);
            assertThat(th.isAlive()).as(th.getName() + " saw the connection close").isFalse();
        }

        assertThat(report.dropped()).isZero();
        // Every sale the host posted got its response out before the connection closed, and
        // nothing was posted that the terminal did not hear about.
        long posted = server.ledger().transactions(v -> "00".equals(v.responseCode()), 1_000_000).size();
        assertThat(posted).isEqualTo(answered.get());
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 2000))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void responseReadyWithinTheGraceIsSentAndOneThatIsNotIsCountedDropped() throws Exception {
        // 9100.02 is answered after rules.lateDelay (here 1 s), 9100.06 after 5 s (config/rules.yaml).
        AcqsimServer server = AcqsimServer.start(RunningServer.config("rules:\n  file: rules.yaml\n  lateDelay: 1s\n"));
        ListenerTraffic traffic = server.traffic(D.name());
        try (IsoClient late = new IsoClient(D, server.port(D.name()));
             IsoClient slow = new IsoClient(D, server.port(D.name()))) {
            late.send(Messages.sale(D, "4111111111111111", 910_002, 1));
            slow.send(Messages.sale(D, "4111111111111111", 910_006, 2));
            Await.until("both requests read and in flight", Duration.ofSeconds(10), () -> traffic.inFlight() == 2);

            AcqsimServer.ShutdownReport report;
            try (LogCapture log = LogCapture.of(AcqsimServer.class)) {
                report = server.shutdown(Duration.ofMillis(3000));
                assertThat(log.contains("shutdown: 1 completed, 1 dropped")).isTrue();
            }

            assertThat(report).isEqualTo(new AcqsimServer.ShutdownReport(1, 1));
            assertThat(late.receive().msg().getString(11)).isEqualTo("000001");
            assertThat(slow.closedByPeer()).isTrue();
        }
    }

    @Test
    void shutdownOfAnIdleServerReportsNothingAndCloseAfterwardsIsHarmless() {
        AcqsimServer server = RunningServer.start();
        AcqsimServer.ShutdownReport report = server.shutdown(Duration.ofSeconds(1));
        assertThat(report).isEqualTo(new AcqsimServer.ShutdownReport(0, 0));
        server.close();
    }
}
