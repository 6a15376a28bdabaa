package io.acqsim.core.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.acqsim.core.metrics.ThrottledLog;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every connection of one listener (one shared instance per listener):
 * counts open connections, closes those above {@code maxConnections} at once (logged at most once
 * per {@link ThrottledLog#INTERVAL} with a count, metered as {@code acqsim.connections.refused}), and
 * keeps the open ones in a {@link ChannelGroup} so that a shutdown can find them.
 */
@ChannelHandler.Sharable
final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimitHandler.class);
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf(ConnectionLimitHandler.class, "counted");

    private final String listener;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final ChannelGroup channels;
    private final ThrottledLog refusals;

    ConnectionLimitHandler(String listener, int maxConnections) {
        this.listener = listener;
        this.maxConnections = maxConnections;
        this.channels = new DefaultChannelGroup(listener, GlobalEventExecutor.INSTANCE);
        this.refusals = new ThrottledLog(log, listener + ": connections refused at limits.maxConnections");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            refused.incrementAndGet();
            java.net.SocketAddress from = ctx.channel().remoteAddress();
            refusals.warn((task, delay) -> ctx.executor().schedule(task, delay, TimeUnit.NANOSECONDS),
                    () -> listener + ": refusing connection from " + from + ": already " + maxConnections
                            + " open (limits.maxConnections)");
            ctx.close();
            return;
        }
        ctx.channel().attr(COUNTED).set(Boolean.TRUE);
        channels.add(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel().attr(COUNTED).getAndSet(null) != null) {
            open.decrementAndGet();
            ctx.fireChannelInactive();
        }
    }

    /** Connections open now (refused ones never count). */
    int open() {
        return open.get();
    }

    /** Connections refused since start because the listener was full. */
    long refused() {
        return refused.get();
    }

    /** The open connections. */
    ChannelGroup channels() {
        return channels;
    }

    /** Bytes of responses queued in Netty for all open connections, not yet taken by the socket. */
    long pendingWriteBytes() {
        long total = 0;
        for (Channel ch : channels) {
            ChannelOutboundBuffer out = ch.unsafe().outboundBuffer();
            if (out != null) {
                total += out.totalPendingWriteBytes();
            }
        }
        return total;
    }
}
