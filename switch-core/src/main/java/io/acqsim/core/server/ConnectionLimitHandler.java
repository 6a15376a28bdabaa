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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every connection of one listener (one shared instance per listener):
 * counts open connections, closes those above {@code maxConnections} at once with a log line, and
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

    ConnectionLimitHandler(String listener, int maxConnections) {
        this.listener = listener;
        this.maxConnections = maxConnections;
        this.channels = new DefaultChannelGroup(listener, GlobalEventExecutor.INSTANCE);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            refused.incrementAndGet();
            log.warn("{}: refusing connection from {}: already {} open (limits.maxConnections)", listener,
                    ctx.channel().remoteAddress(), maxConnections);
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
