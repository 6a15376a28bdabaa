package io.acqsim.core.server;

import io.acqsim.codec.DecodeFailure;
import io.acqsim.codec.IsoFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading from a connection that gives the host more than it can answer, and starts again
 * when it catches up: reading pauses while {@code maxInFlight} requests await their responses or
 * while the connection's queued responses are above the write-buffer limit (the peer does not read
 * them; see Netty's channel writability), so a client that never reads cannot exhaust memory.
 *
 * <p>Counts a request when it passes inbound; whoever ends the request (the response written, or
 * deliberately none) calls {@link #requestDone}. Runs on the connection's event loop only.
 */
final class BackpressureHandler extends ChannelInboundHandlerAdapter {
    private final int maxInFlight;
    private final ListenerTraffic traffic;
    private int inFlight;
    private boolean paused;
    private boolean draining;

    BackpressureHandler(int maxInFlight, ListenerTraffic traffic) {
        this.maxInFlight = maxInFlight;
        this.traffic = traffic;
    }

    /** Marks one request of this connection as finished (answered, or deliberately not). Event loop only. */
    static void requestDone(Channel channel) {
        BackpressureHandler h = channel.pipeline().get(BackpressureHandler.class);
        if (h != null && h.inFlight > 0) {
            h.inFlight--;
            h.traffic.requestFinished();
            h.update(channel);
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
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof IsoFrame || msg instanceof DecodeFailure) {
            inFlight++;
            traffic.requestStarted();
            update(ctx.channel());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        update(ctx.channel());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
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
            // Switching autoRead back on makes Netty read again by itself.
            ch.config().setAutoRead(!pause);
        }
    }
}
