package io.acqsim.core.admin;

import io.acqsim.core.metrics.AcqsimMetrics;
import io.acqsim.core.metrics.ThrottledLog;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First on every admin connection: at most {@code admin.maxConnections} open at once; one more is
 * answered {@code 503} with a JSON error and closed, metered and logged at most once per
 * {@link ThrottledLog#INTERVAL}.
 */
@ChannelHandler.Sharable
final class AdminConnectionLimit extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf(AdminConnectionLimit.class, "counted");

    private final int max;
    private final AcqsimMetrics metrics;
    private final AtomicInteger open = new AtomicInteger();
    private final ThrottledLog refusals = new ThrottledLog(log, "admin: connections refused at admin.maxConnections");

    AdminConnectionLimit(int max, AcqsimMetrics metrics) {
        this.max = max;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            metrics.adminRefused();
            ctx.channel().config().setAutoRead(false);
            java.net.SocketAddress from = ctx.channel().remoteAddress();
            refusals.warn((task, delay) -> ctx.executor().schedule(task, delay, TimeUnit.NANOSECONDS),
                    () -> "admin: refusing connection from " + from + ": already " + max
                            + " open (admin.maxConnections)");
            ctx.writeAndFlush(AdminHttp.rawError(ctx.alloc(), 503, "too many admin connections open (admin.maxConnections "
                    + max + "); try again")).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.channel().attr(COUNTED).set(Boolean.TRUE);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel().attr(COUNTED).getAndSet(null) != null) {
            open.decrementAndGet();
            ctx.fireChannelInactive();
        }
    }

    /** Admin connections open now. */
    int open() {
        return open.get();
    }
}
