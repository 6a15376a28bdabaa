package io.acqsim.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.metrics.AcqsimMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When an admin connection's clocks run, on the channel's frozen clock: receiving, working, writing, idle. */
class AdminDeadlineTest {
    private final AcqsimMetrics metrics = new AcqsimMetrics();
    private final AdminDeadline deadline = new AdminDeadline(Duration.ofSeconds(10), metrics);
    private final EmbeddedChannel ch = new EmbeddedChannel(deadline);

    AdminDeadlineTest() {
        ch.freezeTime();
    }

    private void bytes(String s) {
        ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
        ch.releaseInbound();
    }

    private void advanceSeconds(long s) {
        ch.advanceTimeBy(s, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
    }

    private void idle() {
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    }

    @Test
    void requestNotCompleteWithinTheRequestTimeoutIsAnswered408AndClosed() {
        bytes("GET /hea");
        advanceSeconds(9);
        bytes("l"); // trickling keeps nothing alive
        assertThat(ch.isActive()).isTrue();
        advanceSeconds(1);

        assertThat(ch.isActive()).isFalse();
        io.netty.buffer.ByteBuf out = ch.readOutbound();
        String sent = out.toString(StandardCharsets.US_ASCII);
        out.release();
        assertThat(sent).startsWith("HTTP/1.1 408 ").contains("admin.requestTimeout 10s");
        assertThat(metrics.registry().get(AcqsimMetrics.ADMIN_TIMED_OUT).counter().count()).isEqualTo(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void whileTheApiWorksOnARequestNoClockRuns() {
        bytes("GET /health HTTP/1.1\r\n\r\n");
        deadline.requestComplete();
        advanceSeconds(60);
        idle();
        assertThat(ch.isActive()).as("the wait is acqsim's").isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void aClientThatTakesNoneOfItsResponseIsClosedAtTheIdleTimeout() {
        bytes("GET /transactions/export HTTP/1.1\r\n\r\n");
        deadline.requestComplete();
        deadline.responseWriting();
        idle(); // the IdleStateHandler observing output saw no progress for admin.idleTimeout
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAndTheNextRequestGetsAFreshDeadline() {
        bytes("GET /health HTTP/1.1\r\n\r\n");
        deadline.requestComplete();
        deadline.responseWriting();
        deadline.responseSent();
        advanceSeconds(30);
        bytes("GET /metr"); // the next request: its own 10 s from now
        advanceSeconds(9);
        assertThat(ch.isActive()).isTrue();
        idle(); // a request under way is the request timeout's business, not the idle timeout's
        assertThat(ch.isActive()).isTrue();
        advanceSeconds(1);
        assertThat(ch.isActive()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void aConnectionWithNothingUnderWayIsClosedWhenIdle() {
        idle();
        assertThat(ch.isActive()).isFalse();
    }
}
