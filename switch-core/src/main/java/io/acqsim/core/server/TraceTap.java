package io.acqsim.core.server;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.FrameMasking;
import io.acqsim.core.metrics.TransactionLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * With {@code --trace}, logs every frame's bytes as they are on the wire, length prefix included
 * in both directions, masked with {@link FrameMasking} (only the card data's digits and the
 * secrets change), so that a trace is a capture {@code acqsim replay} can send again. Sits
 * between the frame decoder and the message codec, and is only in the pipeline while tracing.
 * The lines read {@code in  <listener>/<connection> raw <hex>} and {@code out ... raw <hex>}.
 */
final class TraceTap extends ChannelDuplexHandler {
    private final String listener;
    private final Dialect dialect;

    TraceTap(String listener, Dialect dialect) {
        this.listener = listener;
        this.dialect = dialect;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b && TransactionLog.tracing()) {
            // The frame decoder took the length prefix off; it is a function of the body, so write it back.
            ByteBuf prefix = Unpooled.buffer(dialect.lengthHeader().size());
            dialect.lengthHeader().write(prefix, dialect.framing().prefixValue(b.readableBytes()));
            byte[] frame = new byte[prefix.readableBytes() + b.readableBytes()];
            prefix.readBytes(frame, 0, prefix.readableBytes());
            b.getBytes(b.readerIndex(), frame, dialect.lengthHeader().size(), b.readableBytes());
            TransactionLog.TRACE.debug("in  {}/{} raw {}", listener, ctx.channel().id().asShortText(),
                    FrameMasking.hex(dialect, frame, dialect.lengthHeader().size()));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b && TransactionLog.tracing()) {
            TransactionLog.TRACE.debug("out {}/{} raw {}", listener, ctx.channel().id().asShortText(),
                    FrameMasking.hex(dialect, ByteBufUtil.getBytes(b), dialect.lengthHeader().size()));
        }
        ctx.write(msg, promise);
    }
}
