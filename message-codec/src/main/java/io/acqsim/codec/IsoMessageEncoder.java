package io.acqsim.codec;

import io.acqsim.codec.dialect.Dialect;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Packs an {@link IsoFrame} and writes it with the dialect's length prefix. Raw {@link ByteBuf}s
 * pass through untouched (they are already framed, e.g. a deliberately corrupted response).
 */
@ChannelHandler.Sharable
public final class IsoMessageEncoder extends MessageToByteEncoder<IsoFrame> {
    private final Dialect dialect;

    public IsoMessageEncoder(Dialect dialect) {
        super(IsoFrame.class);
        this.dialect = dialect;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, IsoFrame frame, ByteBuf out) {
        byte[] body;
        try {
            body = dialect.encode(frame);
        } catch (CodecException e) {
            throw new EncoderException(e.getMessage(), e);
        }
        if (body.length > dialect.framing().maxBodyLength()) {
            throw new EncoderException(dialect + ": frame of " + body.length + " bytes does not fit a "
                    + dialect.lengthHeader() + " length prefix");
        }
        out.ensureWritable(dialect.lengthHeader().size() + body.length);
        dialect.lengthHeader().write(out, dialect.framing().prefixValue(body.length));
        out.writeBytes(body);
    }
}
