package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.core.testing.Messages;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The listener's record of what it decided for each request, as a watcher sees it. */
class AnswersTest {
    private static final Dialect D = Dialects.byName("iso87-ascii");
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static MessageView request(String mti, String stan, String terminal) throws Exception {
        IsoFrame f = Messages.frame(D, mti);
        f.msg().set(11, stan);
        if (terminal != null) {
            f.msg().set(41, terminal);
        }
        return D.read(D.encode(f));
    }

    @Test
    void aDecisionMadeBeforeAnyWatchIsNotKept() throws Exception {
        Answers answers = new Answers();
        answers.decided(request("0200", "000001", "TERM0001"), Answers.Fate.RESPONSE_DROPPED);

        try (Answers.Watch w = answers.watch()) {
            assertThat(w.await("0200", "000001", "TERM0001", Duration.ZERO)).isNull();
        }
    }

    @Test
    void theDecisionAboutTheRequestIsFoundAmongOthers() throws Exception {
        Answers answers = new Answers();
        try (Answers.Watch w = answers.watch()) {
            answers.decided(request("0200", "000001", "TERM0001"), Answers.Fate.ANSWERED);
            answers.decided(request("0200", "000002", "TERM0002"), Answers.Fate.NOT_ANSWERED);
            answers.decided(request("0420", "000002", "TERM0001"), Answers.Fate.ANSWERED_LATER);
            answers.decided(request("0200", "000002", "TERM0001"), Answers.Fate.RESPONSE_DROPPED);

            Answers.Decision d = w.await("0200", "2", "TERM0001 ", BOUND);

            assertThat(d).isEqualTo(new Answers.Decision("0200", "000002", "TERM0001", Answers.Fate.RESPONSE_DROPPED));
            assertThat(d.fate().answered()).isFalse();
            assertThat(w.await("0200", "000001", "TERM0001", Duration.ZERO)).as("passed over, not kept").isNull();
        }
    }

    @Test
    void aWaiterIsWokenByADecisionMadeOnAnotherThread() throws Exception {
        Answers answers = new Answers();
        MessageView advice = request("0420", "000009", null);
        try (Answers.Watch w = answers.watch()) {
            CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
                answers.decided(request0(), Answers.Fate.ANSWERED);
                answers.decided(advice, Answers.Fate.NOT_ANSWERED);
            });

            Answers.Decision d = w.await("0420", "000009", null, BOUND);

            assertThat(d).isNotNull();
            assertThat(d.fate()).isEqualTo(Answers.Fate.NOT_ANSWERED);
            loop.join();
        }
    }

    @Test
    void aClosedWatchRecordsNothingMore() throws Exception {
        Answers answers = new Answers();
        Answers.Watch w = answers.watch();
        w.close();
        answers.decided(request("0200", "000003", "TERM0001"), Answers.Fate.CONNECTION_CLOSED);

        assertThat(w.await("0200", "000003", "TERM0001", Duration.ZERO)).isNull();
    }

    private static MessageView request0() {
        try {
            return request("0200", "000008", "TERM0008");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
