package io.acqsim.core.admin;

import io.acqsim.core.config.Durations;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.acqsim.core.metrics.ThrottledLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time limits of one admin connection, in front of the HTTP codec so that it sees bytes, not
 * requests: a request must arrive in full (request line, headers and body) within
 * {@code admin.requestTimeout} of its first byte, however it trickles, or the connection is
 * answered {@code 408} and closed; a connection with no request under way, or whose client takes
 * none of its response, gets {@code admin.idleTimeout} without progress either way (from the
 * {@link io.netty.handler.timeout.IdleStateHandler} in front, which observes output) before it is
 * closed. While the API works on a request, neither runs: the wait is acqsim's. Event loop only.
 */
final class AdminDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final ThrottledLog TIMEOUTS = new ThrottledLog(log, "admin: requests not complete within admin.requestTimeout");

    private final long timeoutNanos;
    private final AcqsimMetrics metrics;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private boolean busy;
    private boolean writing;
    private boolean bytesWhileBusy;

    AdminDeadline(Duration timeout, AcqsimMetrics metrics) {
        this.timeoutNanos = timeout.toNanos();
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            if (busy) {
                bytesWhileBusy = true;
            } else if (timer == null) {
                arm();
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.ALL_IDLE) {
            if (timer == null && (!busy || writing)) {
                log.debug("admin {}: no progress with {} within admin.idleTimeout ({}); closing", ctx.channel().id(),
                        ctx.channel().remoteAddress(), writing ? "it takes none of its response" : "idle");
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    /** A request arrived in full and the API works on it: no limit runs until its response is written. */
    void requestComplete() {
        cancel();
        busy = true;
        writing = false;
        bytesWhileBusy = false;
    }

    /** The response is on its way: from now on a client that does not take it meets the idle timeout. */
    void responseWriting() {
        writing = true;
    }

    /** The response is written; bytes that came meanwhile began the next request, and its clock starts now. */
    void responseSent() {
        busy = false;
        writing = false;
        if (bytesWhileBusy) {
            bytesWhileBusy = false;
            arm();
        }
    }

    private void arm() {
        timer = ctx.executor().schedule(this::expired, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expired() {
        timer = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        metrics.adminTimedOut();
        String limit = Durations.format(Duration.ofNanos(timeoutNanos));
        java.net.SocketAddress from = ctx.channel().remoteAddress();
        TIMEOUTS.warn((task, delay) -> ctx.executor().schedule(task, delay, TimeUnit.NANOSECONDS),
                () -> "admin: request from " + from + " not complete within admin.requestTimeout " + limit
                        + "; closing");
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(AdminHttp.rawError(ctx.alloc(), 408, "request not complete within admin.requestTimeout "
                + limit)).addListener(ChannelFutureListener.CLOSE);
    }
}
