package io.acqsim.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.bench.echo.EchoServer;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Short, slow load runs (about a second each, 200 tx/s) against a real acqsim over real TCP: every
 * request must be answered and the money must add up. Never asserts a timing.
 */
class LoadRunTest {
    private static AcqsimServer server;

    @TempDir
    Path out;

    @BeforeAll
    static void start() {
        server = RunningServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private LoadCommand.Outcome load(String output, String... args) throws Exception {
        LoadCommand cmd = new LoadCommand();
        new CommandLine(cmd).parseArgs(args);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        LoadCommand.Outcome o = cmd.execute(new PrintStream(console, true, StandardCharsets.UTF_8));
        Files.writeString(out.resolve(output), console.toString(StandardCharsets.UTF_8));
        return o;
    }

    @ParameterizedTest
    @CsvSource({"iso87-binary,'sale=50,void=10,reversal=10,auth=10,repeat=10,lost=10'",
        "cup-pos,'sale=40,chip=10,void=10,reversal=10,auth=10,repeat=10,lost=10'", "iso87-ascii,sale=100",
        "iso87-binary,chip=100"})
    void openLoopRunIsFullyAnsweredAndTheMoneyAddsUp(String dialect, String mix) throws Exception {
        LoadCommand.Outcome o = load("console.txt", "--target", "127.0.0.1:" + server.port(dialect),
                "--dialect", dialect, "--admin", "http://127.0.0.1:" + server.adminPort(), "-c", "4", "-n", "1",
                "-r", "200", "-w", "200ms", "-d", "1s", "--mix", mix, "--quiet", "--out", out.toString(),
                "--lost-timeout", "300ms", "--pan-prefix", "9991" + dialect.length() + mix.length() % 10);
        PhaseResult r = o.target();
        assertThat(r.sent()).as("requests sent").isGreaterThan(150);
        assertThat(r.everyRequestAnswered()).as("every request answered: sent %d answered %d timeouts %d unsent %d unanswered at the end %d"
                        + " lost-by-script %d unexpected %d", r.sent(), r.answered(), r.timeouts(), r.unsent(),
                r.unanswered(), r.lostUnanswered(), r.unexpected()).isTrue();
        assertThat(r.errors()).isZero();
        assertThat(o.money()).isNotNull();
        assertThat(o.money().lines()).hasSize(4);
        assertThat(o.money().failures()).as("money check").isEmpty();
        long spent = o.money().lines().stream().mapToLong(l -> MoneyCheck.OPENING - l.actualBalance()).sum();
        assertThat(spent).as("the approved sales moved money (chip sales: their ARQCs verified)").isPositive();
        assertThat(o.ok()).isTrue();
        assertThat(out.resolve("acqsim.hlog")).isNotEmptyFile();
        assertThat(out.resolve("acqsim.hgrm")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("acqsim.html"))).contains("<svg", "money check: OK", "p99.99 µs");
    }

    @Test
    void closedLoopAgainstEchoBaselineAndAcqsimReportsTheRatio() throws Exception {
        try (EchoServer echo = EchoServer.start("127.0.0.1", 0, Dialects.byName("iso87-binary"), 1)) {
            LoadCommand.Outcome o = load("console.txt", "--target", "127.0.0.1:" + server.port("iso87-binary"),
                    "--baseline", "127.0.0.1:" + echo.port(), "--admin", "http://127.0.0.1:" + server.adminPort(),
                    "-c", "2", "-n", "4", "-w", "100ms", "-d", "500ms", "--quiet", "--out", out.toString(),
                    "--pan-prefix", "999200");
            assertThat(o.phases()).hasSize(2);
            PhaseResult e = o.phases().get(0);
            assertThat(e.plan().echo()).isTrue();
            assertThat(e.everyRequestAnswered()).isTrue();
            assertThat(e.answered()).isPositive();
            assertThat(o.target().everyRequestAnswered()).isTrue();
            assertThat(o.ratioToEcho()).isPositive();
            assertThat(o.money().failures()).isEmpty();
            assertThat(Files.readString(out.resolve("console.txt"))).contains("x echo");
        }
    }

    @Test
    void scrapingMetricsDuringTheRunScrapesTheHostsAdminApiAndSaysHowOften() throws Exception {
        // On a listener whose other runs here post only sales: its terminals and STANs (L0000001.., from 1)
        // must not become, within the same second, the originals a later run's lost sales are reversed against.
        LoadCommand.Outcome o = load("scrape.txt", "--target", "127.0.0.1:" + server.port("iso87-ascii"),
                "--dialect", "iso87-ascii",
                "--admin", "http://127.0.0.1:" + server.adminPort(), "-c", "2", "-n", "1", "-w", "100ms", "-d", "400ms",
                "--quiet", "--out", out.toString(), "--pan-prefix", "999400", "--scrape-metrics", "50ms");
        assertThat(o.target().everyRequestAnswered()).isTrue();
        String console = Files.readString(out.resolve("scrape.txt"));
        Matcher m = Pattern.compile("metrics: GET /metrics every 50 ms: (\\d+) scrapes, (\\d+) failed").matcher(console);
        assertThat(m.find()).as(console).isTrue();
        assertThat(Long.parseLong(m.group(1))).as("a scrape at the start and then every 50 ms").isPositive();
        assertThat(m.group(2)).isEqualTo("0");
    }

    @Test
    void aScrapePeriodThatIsNotPositiveIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> load("bad.txt", "--target",
                "127.0.0.1:" + server.port("iso87-binary"), "--admin", "http://127.0.0.1:" + server.adminPort(),
                "-c", "1", "-d", "100ms", "-w", "0s", "--quiet", "--out", out.toString(), "--pan-prefix", "999401",
                "--scrape-metrics", "0s")).hasMessageContaining("--scrape-metrics");
    }

    @Test
    void prefillPostsTheAskedNumberOfSalesBeforeTheMeasuredRun() throws Exception {
        int before = server.ledger().journalSize();
        LoadCommand.Outcome o = load("prefill.txt", "--target", "127.0.0.1:" + server.port("iso87-binary"),
                "--admin", "http://127.0.0.1:" + server.adminPort(), "-c", "2", "-n", "1", "-w", "0s", "-d", "200ms",
                "--quiet", "--out", out.toString(), "--pan-prefix", "999300", "--prefill", "3000",
                "--prefill-pan-prefix", "999301");
        int journaled = server.ledger().journalSize() - before;
        assertThat(journaled).as("prefill sales plus the measured run's").isGreaterThanOrEqualTo(3000);
        assertThat(Files.readString(out.resolve("prefill.txt"))).containsPattern("prefill: 3\\d{3} transactions answered");
        assertThat(o.money().failures()).as("the prefill accounts are not the measured run's").isEmpty();
    }
}
