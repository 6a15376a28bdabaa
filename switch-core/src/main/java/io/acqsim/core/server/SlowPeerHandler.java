package io.acqsim.core.server;

import io.acqsim.codec.framing.FrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections whose peer is too slow to be worth keeping: one that sent nothing for
 * {@code idleTimeout} (signalled by an {@link io.netty.handler.timeout.IdleStateHandler} in front of
 * this handler), and one that started a frame and did not complete it within {@code readTimeout},
 * such as a sender trickling a byte a second, which an idle timeout never catches.
 *
 * <p>Sits right in front of the {@link FrameDecoder} and asks it, after every read, whether part
 * of a frame is still buffered: the deadline starts when a frame starts, moves on whenever a frame
 * completes, and is cancelled when nothing is pending. While backpressure has paused reading
 * ({@link #readingPaused}), neither timeout runs.
 */
final class SlowPeerHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(SlowPeerHandler.class);

    private final String listener;
    private final long readTimeoutNanos;
    private FrameDecoder frameDecoder;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> deadline;
    /** Reading is paused by backpressure: the clocks stand still. */
    private boolean paused;
    /** While paused: what was left of the frame's deadline when the pause began (-1: no frame pending). */
    private long remainingNanos = -1;

    SlowPeerHandler(String listener, Duration readTimeout) {
        this.listener = listener;
        this.readTimeoutNanos = readTimeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        frameDecoder = ctx.pipeline().get(FrameDecoder.class);
    }

    /**
     * Backpressure paused (or resumed) reading from this connection. While paused, the frame deadline
     * stands still (what is left of it resumes with reading) and an idle timeout is ignored: a frame
     * is incomplete and the peer silent because acqsim stopped reading. Event loop only.
     */
    void readingPaused(boolean pause) {
        if (pause == paused || readTimeoutNanos == 0) {
            paused = pause;
            return;
        }
        paused = pause;
        if (pause) {
            if (deadline != null) {
                remainingNanos = Math.max(0, deadline.getDelay(TimeUnit.NANOSECONDS));
                cancel();
            }
        } else if (remainingNanos >= 0) {
            long left = remainingNanos;
            remainingNanos = -1;
            deadline = ctx.executor().schedule(() -> frameTooSlow(ctx), left, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (readTimeoutNanos == 0 || !(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (frameDecoder == null) {
            frameDecoder = ctx.pipeline().get(FrameDecoder.class);
        }
        int received = bytes.readableBytes();
        int before = frameDecoder.bufferedBytes();
        ctx.fireChannelRead(msg);
        int after = frameDecoder.bufferedBytes();
        boolean frameCompleted = after < before + received;
        if (paused) {
            // A read that was under way when reading paused: note the frame state, run no clock.
            remainingNanos = after == 0 ? -1 : frameCompleted || remainingNanos < 0 ? readTimeoutNanos : remainingNanos;
        } else if (after == 0) {
            cancel();
        } else if (deadline == null || frameCompleted) {
            cancel();
            deadline = ctx.executor().schedule(() -> frameTooSlow(ctx), readTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void frameTooSlow(ChannelHandlerContext ctx) {
        deadline = null;
        if (ctx.channel().isActive()) {
            log.warn("{} {}: frame from {} not complete within limits.readTimeout {} ({} bytes so far); closing",
                    listener, ctx.channel().id(), ctx.channel().remoteAddress(),
                    Duration.ofNanos(readTimeoutNanos), frameDecoder.bufferedBytes());
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (paused) {
                return; // silent because acqsim is not reading; limits.writeTimeout watches that case
            }
            log.info("{} {}: nothing from {} within limits.idleTimeout; closing", listener, ctx.channel().id(),
                    ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
