package io.acqsim.codec.framing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes the length prefix in front of each outgoing frame body. */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToByteEncoder<ByteBuf> {
    private final Framing framing;
    private final LengthHeader header;

    public FrameEncoder(LengthHeader header) {
        this(new Framing(header, false, false, null));
    }

    public FrameEncoder(Framing framing) {
        this.framing = framing;
        this.header = framing.length();
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, ByteBuf msg, boolean preferDirect) {
        return ctx.alloc().ioBuffer(header.size() + msg.readableBytes());
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf body, ByteBuf out) {
        int length = body.readableBytes();
        if (length > framing.maxBodyLength()) {
            throw new IllegalArgumentException("frame of " + length + " bytes does not fit a " + header + " prefix");
        }
        header.write(out, framing.prefixValue(length));
        out.writeBytes(body);
    }
}
