package io.acqsim.codec;

import io.acqsim.codec.dialect.Dialect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Turns a frame body (from {@link io.acqsim.codec.framing.FrameDecoder}) into an {@link IsoFrame},
 * or into a {@link DecodeFailure} when the bytes do not follow the dialect. Never throws for bad
 * input: what to do about it is the next handler's decision.
 */
@ChannelHandler.Sharable
public final class IsoMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private final Dialect dialect;

    public IsoMessageDecoder(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf body, List<Object> out) {
        byte[] bytes = ByteBufUtil.getBytes(body);
        try {
            out.add(dialect.decode(bytes));
        } catch (CodecException e) {
            out.add(new DecodeFailure(e, bytes));
        }
    }
}
