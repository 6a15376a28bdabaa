package io.acqsim.core.server;

import io.acqsim.core.metrics.AcqsimMetrics;
import io.acqsim.core.metrics.ThrottledLog;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.concurrent.TimeUnit;

/**
 * Right behind a listener's TLS handler until the handshake ends: a failed handshake (plain TCP
 * or junk to a TLS port, an unacceptable client) is metered ({@code acqsim.tls.handshake.failures})
 * and logged through the listener's {@link ThrottledLog}, so a port scan writes a line per
 * interval, not one per probe; the errors the failure raises go no further (the connection is
 * closed). After a successful handshake the handler leaves the pipeline.
 */
final class TlsHandshakeWatch extends ChannelInboundHandlerAdapter {
    private final String listener;
    private final AcqsimMetrics.DialectMeters meters;
    private final ThrottledLog failures;
    private boolean handshakeFailed;

    TlsHandshakeWatch(String listener, AcqsimMetrics.DialectMeters meters, ThrottledLog failures) {
        this.listener = listener;
        this.meters = meters;
        this.failures = failures;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                ctx.pipeline().remove(this);
            } else {
                failed(ctx, done.cause());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Before the handshake completed, every error is the handshake's: reported once, above.
        failed(ctx, cause);
    }

    private void failed(ChannelHandlerContext ctx, Throwable cause) {
        if (!handshakeFailed) {
            handshakeFailed = true;
            meters.tlsHandshakeFailed();
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root.getClass().getSimpleName() + ": " + root.getMessage();
            java.net.SocketAddress from = ctx.channel().remoteAddress();
            failures.warn((task, delay) -> ctx.executor().schedule(task, delay, TimeUnit.NANOSECONDS),
                    () -> listener + ": TLS handshake with " + from + " failed: " + why + "; closing");
        }
        ctx.close();
    }
}
