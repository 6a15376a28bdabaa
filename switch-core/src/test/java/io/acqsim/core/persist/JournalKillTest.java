package io.acqsim.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.core.cli.AcqsimCommand;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.Await;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * acqsim as a real child process ({@code AcqsimCommand --journal DIR}), killed without any clean
 * shutdown in the middle of a stream of sales, then started again on the same journal: every sale
 * that got a response is on the ledger, and one of them can still be reversed. The second run is
 * stopped with SIGTERM, which goes through the graceful shutdown hook.
 */
class JournalKillTest {
    private static final Dialect D = Iso87Ascii.INSTANCE;
    private static final String PAN = "4111110000000077";
    private static final long OPENING = 1_000_000;
    private static final long AMOUNT = 100;

    @TempDir
    Path dir;
    private Process child;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A port free right now: bind port 0, read it, close. */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private record Running(Process process, int isoPort, int adminPort, Path log) {
    }

    private Running launch(String name) throws Exception {
        int iso = freePort();
        int admin = freePort();
        Path config = Files.writeString(dir.resolve(name + ".yaml"), "listeners:\n"
                + "  iso87-ascii: { dialect: iso87-ascii, host: 127.0.0.1, port: " + iso + " }\n"
                + "admin: { host: 127.0.0.1, port: " + admin + " }\n"
                + "accounts: { fixtures: " + RunningServer.CONFIG_DIR.resolve("accounts.yaml") + " }\n"
                + "rules: { file: " + RunningServer.CONFIG_DIR.resolve("rules.yaml") + " }\n");
        Path log = dir.resolve(name + ".log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The shipped logging configuration, as ./acqsim uses it: the transaction log is queued.
        child = new ProcessBuilder(java.toString(), "-cp", classpath, "-Xmx256m",
                "-Dlogback.configurationFile=" + RunningServer.CONFIG_DIR.resolve("logback.xml"),
                AcqsimCommand.class.getName(), "--journal", dir.resolve("journal").toString(),
                "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Process p = child;
        AdminClient client = new AdminClient(admin);
        Await.until("acqsim child up (log: " + log + ")", Duration.ofSeconds(60), () -> {
            if (!p.isAlive()) {
                throw new AssertionError("acqsim exited early: " + read(log));
            }
            try {
                return client.get("/health").status() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return new Running(p, iso, admin, log);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    @Test
    void killedMidStreamThenRestartedEverySaleThatGotAResponseIsOnTheLedgerAndOneIsReversed() throws Exception {
        Running first = launch("first");
        Map<String, String> answeredRrnByStan = new ConcurrentHashMap<>();
        AtomicReference<Throwable> streamError = new AtomicReference<>();
        Thread stream = new Thread(() -> {
            try (IsoClient c = new IsoClient(D, first.isoPort())) {
                for (int stan = 1; stan < 100_000; stan++) {
                    ISOMsg r = c.exchange(Messages.sale(D, PAN, AMOUNT, stan)).msg();
                    if (!"00".equals(r.getString(39))) {
                        throw new AssertionError("sale " + stan + " answered " + r.getString(39));
                    }
                    answeredRrnByStan.put(r.getString(11), r.getString(37));
                }
            } catch (IOException killed) {
                // the host died mid-stream: the point of the test
            } catch (Throwable t) {
                streamError.set(t);
            }
        }, "sales-stream");
        stream.start();
        Await.until("sales streaming", Duration.ofSeconds(30), () -> answeredRrnByStan.size() >= 40
                || streamError.get() != null);
        first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        stream.join(30_000);
        assertThat(streamError.get()).isNull();
        int answered = answeredRrnByStan.size();
        assertThat(answered).isGreaterThanOrEqualTo(40);

        Running second = launch("second");
        AdminClient admin = new AdminClient(second.adminPort());
        assertThat(read(second.log())).contains("replayed");
        for (Map.Entry<String, String> sale : answeredRrnByStan.entrySet()) {
            JsonNode found = admin.get("/transactions?terminal=" + Messages.TERMINAL + "&stan=" + sale.getKey()).json();
            assertThat(found).as("sale with STAN %s", sale.getKey()).hasSize(1);
            assertThat(found.get(0).get("rrn").asText()).isEqualTo(sale.getValue());
            assertThat(found.get(0).get("state").asText()).isEqualTo("APPROVED");
        }
        // At most the one sale in flight at the kill was posted without its response reaching the terminal.
        JsonNode all = admin.get("/transactions?terminal=" + Messages.TERMINAL + "&limit=100000").json();
        assertThat(all.size()).isBetween(answered, answered + 1);
        long balance = admin.get("/accounts/" + PAN).json().get("balance").asLong();
        assertThat(balance).isEqualTo(OPENING - AMOUNT * all.size());

        try (IsoClient c = new IsoClient(D, second.isoPort())) {
            IsoFrame reversal = Messages.sale(D, PAN, AMOUNT, 7);
            reversal.msg().setMTI("0400");
            assertThat(c.exchange(reversal).msg().getString(39)).isEqualTo("00");
        }
        assertThat(admin.get("/transactions?terminal=" + Messages.TERMINAL + "&stan=000007").json())
                .anySatisfy(t -> {
                    assertThat(t.get("type").asText()).isEqualTo("SALE");
                    assertThat(t.get("state").asText()).isEqualTo("REVERSED");
                });
        assertThat(admin.get("/accounts/" + PAN).json().get("balance").asLong()).isEqualTo(balance + AMOUNT);

        second.process().destroy(); // SIGTERM: the CLI's shutdown hook stops gracefully
        assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(read(second.log())).contains("shutdown: 0 completed, 0 dropped");
        assertThat(read(second.log())).as("the transaction log's last line, written out at shutdown")
                .containsPattern("out .* 0410 .*stan=000007 .*rc=00");
    }
}
