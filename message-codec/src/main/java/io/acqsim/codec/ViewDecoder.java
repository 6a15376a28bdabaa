package io.acqsim.codec;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.layout.MessageView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * The server's message decoder: turns a frame body (from {@link io.acqsim.codec.framing.FrameDecoder})
 * into a {@link MessageView} over a copy of its bytes, or into a {@link DecodeFailure} when the
 * bytes do not follow the dialect. Never throws for bad input: what to do about it is the next
 * handler's decision.
 */
@ChannelHandler.Sharable
public final class ViewDecoder extends MessageToMessageDecoder<ByteBuf> {
    private final Dialect dialect;

    public ViewDecoder(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf body, List<Object> out) {
        byte[] bytes = ByteBufUtil.getBytes(body);
        try {
            out.add(dialect.read(bytes));
        } catch (CodecException e) {
            out.add(new DecodeFailure(e, bytes));
        }
    }
}
