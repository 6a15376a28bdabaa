package io.acqsim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a scenario's {@code noResponse} step is judged. Against a host in this process the host's own
 * record decides (it says it withheld the answer, or that it answered): no silence window is
 * involved, so a host slow to decide or slow to answer the next step passes, and a late answer
 * fails however late it is. Against a host in another process only a silence window can tell,
 * and it is the one the runner is given.
 *
 * <p>The runners against the in-process host are given a silence window of 1 ms (or the 700 ms the
 * runner used to listen for): a step judged by silence would show it.
 */
class NoResponseStepTest {
    @RegisterExtension
    static final AcqsimExtension acqsim = AcqsimExtension.shipped().resetBeforeEach();

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration NO_SILENCE = Duration.ofMillis(1);
    private static final String CARD = "4111110000000991";

    private final StringWriter report = new StringWriter();

    private ScenarioRunner.Result run(Path dir, String yaml, ScenarioRunner.Target target, Duration silence)
            throws IOException {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        return new ScenarioRunner(new PrintWriter(report), TIMEOUT, silence).run("scenario", Scenario.read(file), target);
    }

    private static String scenario(String rules, String steps, String after) {
        return """
                dialect: iso87-ascii
                accounts: { "%s": 100000 }
                rules:
                %s
                defaults: { 2: "%s", 3: "000000", 7: "1122334455", 41: "TNORSP01", 42: "MERCHANT0000001", 49: "156" }
                steps:
                %s
                %s
                """.formatted(CARD, rules, CARD, steps, after);
    }

    @Test
    void aDroppedResponseOnAHostSlowToDecideAndSlowToAnswerTheNextStepPasses(@TempDir Path dir) throws Exception {
        String yaml = scenario("""
                  - { match: { terminal: TNORSP01, amount: 2000 }, action: { drop: response }, times: 1 }
                  - { match: { terminal: TNORSP01, amount: 3000 }, action: { delay: 1500ms } }
                  - { match: { terminal: TNORSP01, amount: 4000 }, action: { close: true, delay: 1500ms }, times: 1 }
                """, """
                  - send: { 0: "0200", 4: "000000001000", 11: "000901" }
                    expect: { 0: "0210", 39: "00" }
                  - note: response dropped
                    send: { 0: "0200", 4: "000000002000", 11: "000902" }
                    noResponse: true
                  - note: answered after 1.5 s, on the same connection
                    send: { 0: "0200", 4: "000000003000", 11: "000903" }
                    expect: { 0: "0210", 11: "000903", 39: "00" }
                  - note: the host takes 1.5 s to decide, then closes the connection
                    send: { 0: "0200", 4: "000000004000", 11: "000904" }
                    noResponse: true
                    connection: 2
                  - note: after both, on a fresh connection
                    send: { 0: "0200", 4: "000000000500", 11: "000905" }
                    expect: { 0: "0210", 11: "000905", 39: "00" }
                    connection: 3
                """, """
                then:
                  "%s": { balance: 89500 }
                journal:
                  - { stan: "000902", type: SALE, state: APPROVED, responseCode: "00" }
                  - { stan: "000903", type: SALE, state: APPROVED, responseCode: "00" }
                  - { stan: "000904", type: SALE, state: APPROVED, responseCode: "00" }
                """.formatted(CARD));

        ScenarioRunner.Result r = run(dir, yaml, acqsim.target("iso87-ascii"), NO_SILENCE);

        assertThat(r.passed()).as(report.toString()).isTrue();
        assertThat(report.toString())
                .contains("ok   step 2 (response dropped): 0200 -> no response: the host dropped its response, as expected")
                .contains("ok   step 3 (answered after 1.5 s, on the same connection): 0200 -> 0210 39=00")
                .contains("ok   step 4 (the host takes 1.5 s to decide, then closes the connection): 0200 -> no response: "
                        + "the host closed the connection instead of answering, as expected")
                .doesNotContain("silence window");
        assertThat(acqsim.reversalWatch().of("TNORSP01")).extracting(WithheldResponse::stan)
                .containsExactly("000902", "000904");
    }

    @Test
    void aLateAnswerFailsTheNoResponseStepHoweverLateItComes(@TempDir Path dir) throws Exception {
        String yaml = scenario("""
                  - { match: { terminal: TNORSP01, amount: 2000 }, action: { delay: 1500ms } }
                """, """
                  - note: answered after 1.5 s, longer than any silence window used to be
                    send: { 0: "0200", 4: "000000002000", 11: "000911" }
                    noResponse: true
                """, "");

        // the 700 ms the runner used to listen for: the answer comes after it, and still fails the step
        ScenarioRunner.Result r = run(dir, yaml, acqsim.target("iso87-ascii"), Duration.ofMillis(700));

        assertThat(r.passed()).as(report.toString()).isFalse();
        assertThat(r.firstFailure()).isEqualTo("step 1 (answered after 1.5 s, longer than any silence window used to be): "
                + "0200: expected no response, but the host answers it after a scripted delay: 0210 39=00");
        assertThat(acqsim.accounts().get(CARD).balance()).isEqualTo(98000);
    }

    @Test
    void anAnswerAtOnceFailsTheNoResponseStepNamingIt(@TempDir Path dir) throws Exception {
        String yaml = scenario("  []", """
                  - send: { 0: "0200", 4: "000000001000", 11: "000921" }
                    noResponse: true
                  - note: the connection is still in step with the host
                    send: { 0: "0200", 4: "000000001000", 11: "000922" }
                    expect: { 0: "0210", 11: "000922", 39: "00" }
                """, "");

        ScenarioRunner.Result r = run(dir, yaml, acqsim.target("iso87-ascii"), NO_SILENCE);

        assertThat(r.failed()).as(report.toString()).isEqualTo(1);
        assertThat(r.firstFailure()).isEqualTo("step 1: 0200: expected no response, but the host answered it: 0210 39=00");
        assertThat(report.toString()).contains("ok   step 2 (the connection is still in step with the host): 0200 -> 0210 39=00");
    }

    @Test
    void aDroppedRequestIsRecordedAsNotAnswered(@TempDir Path dir) throws Exception {
        String yaml = scenario("""
                  - { match: { terminal: TNORSP01, amount: 2000 }, action: { drop: request }, times: 1 }
                """, """
                  - send: { 0: "0200", 4: "000000002000", 11: "000931" }
                    noResponse: true
                  - send: { 0: "0200", 4: "000000002000", 11: "000932" }
                    expect: { 39: "00" }
                """, """
                then:
                  "%s": { balance: 98000 }
                """.formatted(CARD));

        ScenarioRunner.Result r = run(dir, yaml, acqsim.target("iso87-ascii"), NO_SILENCE);

        assertThat(r.passed()).as(report.toString()).isTrue();
        assertThat(report.toString()).contains("ok   step 1: 0200 -> no response: the host did not answer it, as expected");
        assertThat(acqsim.transactions().byTerminalAndStan("TNORSP01", "000931")).isEmpty();
    }

    @Test
    void aHostInAnotherProcessIsJudgedByTheSilenceWindowTheRunnerIsGiven(@TempDir Path dir) throws Exception {
        ScenarioRunner.Target inProcess = acqsim.target("iso87-ascii");
        ScenarioRunner.Target remote = new ScenarioRunner.Target(inProcess.host(), inProcess.port(), inProcess.dialect(),
                inProcess.admin());
        String answered = scenario("  []", """
                  - send: { 0: "0200", 4: "000000001000", 11: "000941" }
                    noResponse: true
                """, "");
        String dropped = scenario("""
                  - { match: { terminal: TNORSP01, amount: 3000 }, action: { drop: response } }
                """, """
                  - send: { 0: "0200", 4: "000000003000", 11: "000942" }
                    noResponse: true
                """, "");

        // a long window ends as soon as anything arrives; a short one is all a dropped response costs
        ScenarioRunner.Result seen = run(dir, answered, remote, Duration.ofSeconds(60));
        ScenarioRunner.Result silent = run(dir, dropped, remote, Duration.ofMillis(100));

        assertThat(seen.firstFailure()).as(report.toString()).isEqualTo("step 1: 0200: expected no response, got 0210 39=00");
        assertThat(silent.passed()).as(report.toString()).isTrue();
        assertThat(report.toString()).contains("ok   step 1: 0200 -> no response within the 100 ms silence window, as expected");
        assertThat(remote.answers()).isNull();
        assertThat(remote.withAnswersIfInProcess().answers()).as("the same port, found in this process")
                .isSameAs(inProcess.answers());
    }
}
