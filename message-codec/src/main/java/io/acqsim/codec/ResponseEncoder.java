package io.acqsim.codec;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.layout.MessageBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * The server's message encoder: writes a {@link MessageBuilder} as one complete frame (length
 * prefix, TPDU and header, MTI, bitmap, fields) into one buffer allocated at exactly its size.
 * Raw {@link ByteBuf}s pass through untouched (already framed, e.g. a scripted garbage frame).
 */
@ChannelHandler.Sharable
public final class ResponseEncoder extends MessageToByteEncoder<MessageBuilder> {
    private final Dialect dialect;

    public ResponseEncoder(Dialect dialect) {
        super(MessageBuilder.class);
        this.dialect = dialect;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, MessageBuilder m, boolean preferDirect) {
        return ctx.alloc().ioBuffer(dialect.frameLength(m));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MessageBuilder m, ByteBuf out) {
        try {
            dialect.writeTo(m, out);
        } catch (IllegalArgumentException e) {
            throw new EncoderException(e.getMessage(), e);
        }
    }
}
