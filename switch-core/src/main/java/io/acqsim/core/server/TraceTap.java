package io.acqsim.core.server;

import io.acqsim.codec.field.Masking;
import io.acqsim.core.metrics.TransactionLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * With {@code --trace}, logs every frame's bytes as they came off and go onto the wire, masked
 * with {@link Masking#hex}: inbound after the length prefix is taken off, outbound with it. Sits
 * between the frame decoder and the message codec, and is only in the pipeline while tracing.
 */
final class TraceTap extends ChannelDuplexHandler {
    private final String listener;

    TraceTap(String listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b && TransactionLog.tracing()) {
            TransactionLog.TRACE.debug("in  {}/{} raw {}", listener, ctx.channel().id().asShortText(),
                    Masking.hex(ByteBufUtil.getBytes(b)));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b && TransactionLog.tracing()) {
            TransactionLog.TRACE.debug("out {}/{} raw {}", listener, ctx.channel().id().asShortText(),
                    Masking.hex(ByteBufUtil.getBytes(b)));
        }
        ctx.write(msg, promise);
    }
}
