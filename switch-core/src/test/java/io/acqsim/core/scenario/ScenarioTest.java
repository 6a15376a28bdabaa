package io.acqsim.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.cli.AcqsimCommand;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.RunningServer;
import io.acqsim.testkit.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every scenario file under {@code src/test/resources/scenarios} goes through {@code acqsim run}
 * (the user's command, the same runner) against a host started as {@code ./acqsim} starts it: the
 * shipped configuration with the file's knobs, every port free. The runner checks the responses,
 * the balances and the journal afterwards over the admin API.
 */
class ScenarioTest {
    record Run(int exit, String out, String err) {
    }

    static Run acqsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AcqsimCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    static Path root() throws URISyntaxException {
        return Path.of(ScenarioTest.class.getResource("/scenarios").toURI());
    }

    @org.junit.jupiter.api.TestFactory
    Stream<DynamicTest> everyShippedScenarioPassesThroughAcqsimRun() throws IOException, URISyntaxException {
        Path root = root();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream()
                    .map(p -> DynamicTest.dynamicTest(root.relativize(p).toString(), p.toUri(), () -> runAgainstHost(p)));
        }
    }

    private static void runAgainstHost(Path file) throws Exception {
        Scenario s = Scenario.read(file);
        try (AcqsimServer server = AcqsimServer.start(RunningServer.config(s.config() == null ? "" : s.config()))) {
            Run r = acqsim("run", "--target", "127.0.0.1:" + server.port(Dialects.byName(s.dialect()).name()),
                    "--admin", "http://127.0.0.1:" + server.adminPort(), file.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("PASS " + file).contains("1 scenario file(s): 1 passed, 0 failed");
        }
    }

    @Test
    void aNoResponseStepAgainstAHostInThisProcessIsJudgedByItsRecordNotBySilence() throws Exception {
        Path file = root().resolve("iso/13-advice-failure-drop.yaml");
        Scenario s = Scenario.read(file);
        try (AcqsimServer server = AcqsimServer.start(RunningServer.config(s.config()))) {
            Run r = acqsim("run", "--target", "127.0.0.1:" + server.port("iso87-ascii"),
                    "--admin", "http://127.0.0.1:" + server.adminPort(), file.toString());

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("ok   step 2: 0420 -> no response: the host did not answer it, as expected")
                    .doesNotContain("silence window");
        }
    }

    @Test
    void aSilenceWindowThatIsNotADurationIsAUsageError() throws Exception {
        Run zero = acqsim("run", "--target", "127.0.0.1:1", "--silence", "0", root().resolve("iso/13-advice-failure-drop.yaml").toString());
        Run bare = acqsim("run", "--target", "127.0.0.1:1", "--silence", "700", root().resolve("iso/13-advice-failure-drop.yaml").toString());

        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--silence 0s: must be positive");
        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.err()).contains("--silence");
    }

    @Test
    void aWrongExpectationFailsNamingTheStepAndTheField(@TempDir Path dir) throws Exception {
        String good = Files.readString(root().resolve("iso/01-reversal-of-posted-sale.yaml"));
        Path wrong = dir.resolve("wrong.yaml");
        Files.writeString(wrong, good.replace("expect: { 0: \"0410\", 39: \"00\"", "expect: { 0: \"0410\", 39: \"12\"")
                .replace("type: SALE, state: REVERSED", "type: SALE, state: APPROVED"));

        Run r = acqsim("--config", RunningServer.CONFIG_DIR.resolve("acqsim.yaml").toString(), "run", wrong.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("  ok   step 1 (sale of 10.00): 0200 -> 0210 39=00")
                .contains("  FAIL step 2 (the terminal never saw the 0210 and reverses with the sale's STAN): "
                        + "0400 -> 0410 39=00: DE39 expected '12', got '00'")
                .contains("  FAIL journal SALE STAN 000101: state expected APPROVED, got REVERSED")
                .contains("FAIL " + wrong)
                .contains("1 scenario file(s): 0 passed, 1 failed");
    }

    @Test
    void withoutATargetEachFileGetsAHostOfItsOwnFromTheConfiguration() throws Exception {
        Path folder = root().resolve("cup");

        Run r = acqsim("--config", RunningServer.CONFIG_DIR.resolve("acqsim.yaml").toString(), "run",
                folder.resolve("01-sign-on-sale-void-reversal-refund-settlement.yaml").toString(),
                root().resolve("iso/04-reversal-of-unknown-original-knob-25.yaml").toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("2 scenario file(s): 2 passed, 0 failed");
    }

    @Test
    void aFileThatIsNotAScenarioIsAUsageError(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "title: x\nstepz: []\n");

        Run r = acqsim("run", "--target", "127.0.0.1:1", bad.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(bad.toString()).contains("stepz");
    }
}
