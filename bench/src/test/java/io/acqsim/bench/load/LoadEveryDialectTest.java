package io.acqsim.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.bench.echo.EchoServer;
import io.acqsim.bench.wire.Requests;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The load generator against every built-in dialect and against one the configuration declares,
 * over real TCP to an in-process acqsim: about a second each at 150 tx/s, a mix of sales, chip
 * sales, voids, reversals, pre-authorizations, repeats and lost (9100.01) sales. Checks what was answered, with which codes, and that
 * the ledger shows what the terminals were told. Never asserts a timing.
 */
class LoadEveryDialectTest {
    /** A dialect of the configuration's own: ISO 1987 ASCII fields in a 4-byte length that counts itself, a fixed header. */
    private static final String MY_HOST = """
            dialects:
              my-host: { extends: iso87-ascii, framing: { length: binary4, lengthCountsItself: true, header: "4854" } }
            listeners:
              my-host: { dialect: my-host, port: 9001 }
            """;

    private static AcqsimServer server;
    private static Path configFile;

    @TempDir
    Path out;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        AcqsimConfig config = RunningServer.config(MY_HOST);
        server = AcqsimServer.start(config);
        // the same definition in a file of its own, for --config: the generator reads only dialects: from it
        configFile = dir.resolve("acqsim.yaml");
        Files.writeString(configFile, MY_HOST);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final List<String> BUILT_INS = List.of("iso87-binary", "iso87-ascii", "cup-pos", "iso93-ascii",
            "iso87-ebcdic");

    @ParameterizedTest
    @ValueSource(strings = {"iso87-binary", "iso87-ascii", "cup-pos", "iso93-ascii", "iso87-ebcdic"})
    void everyBuiltInDialectIsAnsweredAndTheMoneyAddsUp(String dialect) throws Exception {
        // accounts of its own per dialect: an earlier run's holds would stay on a shared card
        LoadCommand.Outcome o = load(dialect, dialect, "--pan-prefix", "99950" + BUILT_INS.indexOf(dialect));

        assertAnsweredAndBalanced(o, "iso93-ascii".equals(dialect) ? "000" : "00");
    }

    @Test
    void aDialectTheConfigurationDeclaresIsFoundByName() throws Exception {
        LoadCommand.Outcome o = load("my-host", "my-host", "--config", configFile.toString(),
                "--pan-prefix", "999600");

        Dialect d = o.target().plan().dialect();
        assertThat(d.name()).isEqualTo("my-host");
        assertThat(d.framing().lengthCountsItself()).isTrue();
        assertAnsweredAndBalanced(o, "00");
    }

    @Test
    void theEchoBaselineFramesADialectTheConfigurationDeclares() throws Exception {
        Dialect d = LoadCommand.findDialect("my-host", configFile);
        try (EchoServer echo = EchoServer.start("127.0.0.1", 0, d, 1)) {
            LoadCommand cmd = new LoadCommand();
            new CommandLine(cmd).parseArgs("--target", "127.0.0.1:" + echo.port(), "--echo", "--dialect", "my-host",
                    "--config", configFile.toString(), "-c", "2", "-n", "2", "-w", "100ms", "-d", "300ms", "--quiet",
                    "--out", out.toString());
            LoadCommand.Outcome o = cmd.execute(new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8));
            PhaseResult r = o.target();
            assertThat(r.answered()).as("frames echoed back in the dialect's own framing").isPositive();
            assertThat(r.everyRequestAnswered()).isTrue();
            assertThat(r.errors()).isZero();
            assertThat(o.money()).as("no money check against an echo server").isNull();
        }
    }

    @Test
    void anUnknownDialectNamesWhatIsKnown() {
        LoadCommand cmd = new LoadCommand();
        new CommandLine(cmd).parseArgs("--dialect", "my-host", "--config", configFile.toString());
        assertThat(cmd.dialect().name()).isEqualTo("my-host");

        new CommandLine(cmd).parseArgs("--dialect", "nobody", "--config", configFile.toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(cmd::dialect)
                .hasMessageContaining("unknown dialect 'nobody'").hasMessageContaining("my-host");
    }

    private LoadCommand.Outcome load(String listener, String dialect, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--target", "127.0.0.1:" + server.port(listener),
                "--dialect", dialect, "--admin", "http://127.0.0.1:" + server.adminPort(), "-c", "3", "-n", "1",
                "-r", "150", "-w", "200ms", "-d", "1s", "--mix", "sale=40,chip=10,void=10,reversal=15,auth=10,repeat=10,lost=5", "--lost-timeout", "300ms",
                "--quiet", "--out", out.toString()));
        args.addAll(List.of(more));
        LoadCommand cmd = new LoadCommand();
        new CommandLine(cmd).parseArgs(args.toArray(String[]::new));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        LoadCommand.Outcome o = cmd.execute(new PrintStream(console, true, StandardCharsets.UTF_8));
        Files.writeString(out.resolve("console.txt"), console.toString(StandardCharsets.UTF_8));
        return o;
    }

    private static void assertAnsweredAndBalanced(LoadCommand.Outcome o, String approved) {
        PhaseResult r = o.target();
        assertThat(Requests.approved(r.plan().dialect())).isEqualTo(approved);
        assertThat(r.sent()).as("requests sent").isGreaterThan(100);
        assertThat(r.everyRequestAnswered()).as("every request answered: sent %d answered %d timeouts %d unsent %d unanswered at the end %d"
                        + " lost-by-script %d unexpected %d", r.sent(), r.answered(), r.timeouts(), r.unsent(),
                r.unanswered(), r.lostUnanswered(), r.unexpected()).isTrue();
        assertThat(r.answered() + r.lostUnanswered()).as("answered, or a 9100.01 sale whose answer the host drops")
                .isEqualTo(r.sent());
        assertThat(r.lostUnanswered()).as("9100.01 sales unanswered as scripted, then reversed").isPositive();
        assertThat(r.errors()).as("undecodable responses, host errors, repeat mismatches").isZero();
        assertThat(r.unexpected()).as("responses matching no request").isZero();
        Map<String, Long> sales = r.stats().codes(Kind.SALE);
        assertThat(sales).as("sale response codes").containsOnlyKeys(approved);
        assertThat(sales.get(approved)).isGreaterThan(30);
        assertThat(r.stats().codes(Kind.CHIP)).as("chip sale response codes (ARQC verified)").containsOnlyKeys(approved);
        assertThat(r.stats().codes(Kind.AUTH)).as("pre-authorization response codes").containsOnlyKeys(approved);
        assertThat(r.stats().codes(Kind.REVERSAL)).as("reversal response codes").containsOnlyKeys(approved);
        assertThat(r.stats().codes(Kind.VOID)).as("void response codes").containsOnlyKeys(approved);
        assertThat(r.stats().codes(Kind.REPEAT).keySet()).as("repeat reversals answered as the first")
                .isSubsetOf(approved);
        assertThat(r.repeatMismatches()).isZero();
        assertThat(o.money()).isNotNull();
        assertThat(o.money().lines()).hasSize(3);
        assertThat(o.money().failures()).as("money check").isEmpty();
        long spent = o.money().lines().stream().mapToLong(l -> MoneyCheck.OPENING - l.actualBalance()).sum();
        assertThat(spent).as("the approved sales moved money").isPositive();
        long held = o.money().lines().stream().mapToLong(l -> l.actualBalance() - l.actualAvailable()).sum();
        assertThat(held).as("pre-authorizations hold money on the available balance").isNotNegative();
        assertThat(o.ok()).isTrue();
    }
}
