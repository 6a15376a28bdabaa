package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.codec.framing.FrameDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The read and idle timeouts stand still while backpressure has paused reading; time is the channel's, frozen. */
class SlowPeerHandlerTest {
    private final SlowPeerHandler slowPeer = new SlowPeerHandler("test", Duration.ofMillis(300));
    private final EmbeddedChannel ch = new EmbeddedChannel(slowPeer,
            new FrameDecoder(Iso87Ascii.INSTANCE.lengthHeader(), 8192));

    SlowPeerHandlerTest() {
        ch.freezeTime();
    }

    private void advance(long millis) {
        ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
    }

    private void halfAFrame() {
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'0', '1', '0', '0', '0', '8'}));
    }

    @Test
    void halfReadFrameIsClosedAfterTheReadTimeout() {
        halfAFrame();
        advance(299);
        assertThat(ch.isActive()).isTrue();
        advance(1);
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void readTimeoutStandsStillWhileReadingIsPausedAndRunsOnWithWhatWasLeft() {
        halfAFrame();
        advance(200);
        slowPeer.readingPaused(true);

        advance(60_000);
        assertThat(ch.isActive()).as("paused for a minute: acqsim's doing, not the peer's").isTrue();

        slowPeer.readingPaused(false);
        advance(99);
        assertThat(ch.isActive()).isTrue();
        advance(1);
        assertThat(ch.isActive()).as("the 100 ms left of the deadline ran out after the pause").isFalse();
    }

    @Test
    void idleTimeoutIsIgnoredWhileReadingIsPaused() {
        slowPeer.readingPaused(true);
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(ch.isActive()).isTrue();

        slowPeer.readingPaused(false);
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void aFrameStartedByAReadThatEndsAfterThePauseGetsItsFullTimeoutOnResume() {
        slowPeer.readingPaused(true);
        halfAFrame(); // the read that was under way when reading paused
        advance(10_000);
        assertThat(ch.isActive()).isTrue();

        slowPeer.readingPaused(false);
        advance(299);
        assertThat(ch.isActive()).isTrue();
        advance(1);
        assertThat(ch.isActive()).isFalse();
    }
}
