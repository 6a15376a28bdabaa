package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.layout.MessageView;
import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.acqsim.core.testing.Messages;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading pauses at maxInFlight unanswered requests or an unwritable channel, and resumes after. */
class BackpressureHandlerTest {
    private final ListenerTraffic traffic = new ListenerTraffic(new ConnectionLimitHandler("test", 10));
    private final List<Object> unanswered = new ArrayList<>();

    private EmbeddedChannel channel(int maxInFlight) {
        return new EmbeddedChannel(new BackpressureHandler(maxInFlight, traffic), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                unanswered.add(msg); // answered later, by the test
            }
        });
    }

    private static MessageView request(int stan) {
        return Messages.view(Iso87Ascii.INSTANCE, Messages.signOn(Iso87Ascii.INSTANCE, stan));
    }

    @Test
    void readingPausesAtMaxInFlightAndResumesWhenOneIsAnswered() {
        EmbeddedChannel ch = channel(2);
        ch.writeInbound(request(1));
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.writeInbound(request(2));
        assertThat(ch.config().isAutoRead()).isFalse();
        assertThat(traffic.inFlight()).isEqualTo(2);
        assertThat(traffic.pausedConnections()).isEqualTo(1);

        BackpressureHandler.requestDoneOn(ch);

        assertThat(ch.config().isAutoRead()).isTrue();
        assertThat(traffic.inFlight()).isEqualTo(1);
        assertThat(traffic.answered()).isEqualTo(1);
        assertThat(traffic.pausedConnections()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void readingPausesWhileResponsesPileUpUnsentAndResumesWhenTheyDrain() {
        EmbeddedChannel ch = channel(100);
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(8, 16));
        ch.writeInbound(request(1));

        ch.write(Unpooled.wrappedBuffer(new byte[32])); // queued, not flushed: above the high mark

        assertThat(ch.isWritable()).isFalse();
        assertThat(ch.config().isAutoRead()).isFalse();
        ch.flush();
        assertThat(ch.isWritable()).isTrue();
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.finishAndReleaseAll();
    }

    private EmbeddedChannel channelWithWriteTimeout(AcqsimMetrics.DialectMeters meters) {
        EmbeddedChannel ch = new EmbeddedChannel(new BackpressureHandler("test", 100, Duration.ofSeconds(60), traffic,
                meters));
        ch.freezeTime();
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(8, 16));
        return ch;
    }

    @Test
    void peerThatTakesNoResponsesForTheWriteTimeoutIsClosedAndCounted() {
        AcqsimMetrics metrics = new AcqsimMetrics();
        EmbeddedChannel ch = channelWithWriteTimeout(metrics.dialect("test"));
        ch.write(Unpooled.wrappedBuffer(new byte[32])); // queued above the high mark: the peer is not reading
        assertThat(ch.isWritable()).isFalse();

        ch.advanceTimeBy(59_999, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isTrue();
        ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();

        assertThat(ch.isActive()).isFalse();
        assertThat(metrics.registry().get(AcqsimMetrics.WRITE_TIMEOUTS).counter().count()).isEqualTo(1);
        assertThat(traffic.pausedConnections()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void peerThatTakesItsResponsesBeforeTheWriteTimeoutStaysOpenAndItsClockStartsAgain() {
        EmbeddedChannel ch = channelWithWriteTimeout(null);
        ch.write(Unpooled.wrappedBuffer(new byte[32]));
        ch.advanceTimeBy(50, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();

        ch.flush(); // the peer took them
        assertThat(ch.isWritable()).isTrue();
        ch.write(Unpooled.wrappedBuffer(new byte[32])); // and stops again: a fresh 60 s
        ch.advanceTimeBy(59, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();

        assertThat(ch.isActive()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void requestsStillUnansweredWhenTheConnectionClosesAreCountedDropped() {
        EmbeddedChannel ch = channel(10);
        ch.writeInbound(request(1));
        ch.writeInbound(request(2));
        BackpressureHandler.requestDoneOn(ch);

        ch.close();

        assertThat(traffic.inFlight()).isZero();
        assertThat(traffic.answered()).isEqualTo(1);
    }

    @Test
    void afterStopReadingAnAnsweredRequestDoesNotTurnReadingBackOn() {
        EmbeddedChannel ch = channel(1);
        ch.writeInbound(request(1));
        BackpressureHandler.stopReading(ch);

        BackpressureHandler.requestDoneOn(ch);

        assertThat(ch.config().isAutoRead()).isFalse();
        ch.finishAndReleaseAll();
    }
}
