package io.acqsim.core.server;

import io.acqsim.codec.DecodeFailure;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.core.config.Durations;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops reading from a connection that gives the host more than it can answer, and starts again
 * when it catches up: reading pauses while {@code maxInFlight} requests await their responses or
 * while the connection's queued responses are above the write-buffer limit (the peer does not read
 * them; see Netty's channel writability), so a client that never reads cannot exhaust memory.
 *
 * <p>A pause is acqsim's doing, so while it lasts the connection's read and idle timeouts stand
 * still ({@link SlowPeerHandler#readingPaused}): a half-read frame is half-read because acqsim
 * stopped reading it. What ends a pause that the peer causes is {@code limits.writeTimeout}: a
 * peer that takes none of its queued responses for that long (the connection stays unwritable) is
 * closed, with one line saying how many responses it left undelivered.
 *
 * <p>Counts a request when it passes inbound; whoever ends the request (the response written, or
 * deliberately none) calls {@link #requestDone}. Runs on the connection's event loop only.
 */
final class BackpressureHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(BackpressureHandler.class);

    private final String listener;
    private final int maxInFlight;
    private final long writeTimeoutNanos;
    private final ListenerTraffic traffic;
    private final AcqsimMetrics.DialectMeters meters;
    private SlowPeerHandler slowPeer;
    private ScheduledFuture<?> writeDeadline;
    private int inFlight;
    private boolean paused;
    private boolean draining;

    /** Without a write timeout (unit tests of the pausing alone). */
    BackpressureHandler(int maxInFlight, ListenerTraffic traffic) {
        this("test", maxInFlight, Duration.ZERO, traffic, null);
    }

    /** @param writeTimeout zero: a peer that stops reading stays paused for as long as it likes */
    BackpressureHandler(String listener, int maxInFlight, Duration writeTimeout, ListenerTraffic traffic,
                        AcqsimMetrics.DialectMeters meters) {
        this.listener = listener;
        this.maxInFlight = maxInFlight;
        this.writeTimeoutNanos = writeTimeout.toNanos();
        this.traffic = traffic;
        this.meters = meters;
    }

    /** Marks one request of this connection as finished (answered, or deliberately not). Event loop only. */
    void requestDone(Channel channel) {
        if (inFlight > 0) {
            inFlight--;
            traffic.requestFinished();
            update(channel);
        }
    }

    /** {@link #requestDone(Channel)} for a caller without the handler at hand (tests): one pipeline lookup. */
    static void requestDoneOn(Channel channel) {
        BackpressureHandler h = channel.pipeline().get(BackpressureHandler.class);
        if (h != null) {
            h.requestDone(channel);
        }
    }

    /** Stops reading from this connection for good (shutdown): requests already read are still answered. */
    static void stopReading(Channel channel) {
        BackpressureHandler h = channel.pipeline().get(BackpressureHandler.class);
        if (h != null) {
            h.draining = true;
        }
        channel.config().setAutoRead(false);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        slowPeer = ctx.pipeline().get(SlowPeerHandler.class);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MessageView || msg instanceof DecodeFailure) {
            inFlight++;
            traffic.requestStarted();
            update(ctx.channel());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        update(ctx.channel());
        watchWrites(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelWriteDeadline();
        if (inFlight > 0) {
            traffic.requestsDropped(inFlight);
            inFlight = 0;
        }
        if (paused) {
            paused = false;
            traffic.pausedChanged(false);
        }
        ctx.fireChannelInactive();
    }

    int inFlight() {
        return inFlight;
    }

    private void update(Channel ch) {
        if (draining) {
            return;
        }
        boolean pause = ch.isActive() && (inFlight >= maxInFlight || !ch.isWritable());
        if (pause != paused) {
            paused = pause;
            traffic.pausedChanged(pause);
            if (slowPeer != null) {
                slowPeer.readingPaused(pause);
            }
            // Switching autoRead back on makes Netty read again by itself.
            ch.config().setAutoRead(!pause);
        }
    }

    /** Unwritable: the peer has stopped taking its responses; it gets {@code writeTimeout} to start again. */
    private void watchWrites(ChannelHandlerContext ctx) {
        if (writeTimeoutNanos == 0) {
            return;
        }
        if (ctx.channel().isWritable()) {
            cancelWriteDeadline();
        } else if (writeDeadline == null && ctx.channel().isActive()) {
            writeDeadline = ctx.executor().schedule(() -> writeTimedOut(ctx), writeTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void cancelWriteDeadline() {
        if (writeDeadline != null) {
            writeDeadline.cancel(false);
            writeDeadline = null;
        }
    }

    private void writeTimedOut(ChannelHandlerContext ctx) {
        writeDeadline = null;
        Channel ch = ctx.channel();
        if (!ch.isActive() || ch.isWritable()) {
            return;
        }
        ChannelOutboundBuffer out = ch.unsafe().outboundBuffer();
        int undelivered = out == null ? 0 : out.size();
        long bytes = out == null ? 0 : out.totalPendingWriteBytes();
        if (meters != null) {
            meters.writeTimedOut();
        }
        log.warn("{} {}: {} took none of its responses for limits.writeTimeout {}; closing with {} responses "
                        + "undelivered ({} bytes) and {} requests still in processing", listener, ch.id(),
                ch.remoteAddress(), Durations.format(Duration.ofNanos(writeTimeoutNanos)), undelivered, bytes,
                inFlight);
        ctx.close();
    }
}
