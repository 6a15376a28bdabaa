package io.acqsim.codec;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.layout.MessageView;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * The server's message decoder: turns a frame body (from {@link io.acqsim.codec.framing.FrameDecoder})
 * into a {@link MessageView} over a copy of its bytes, or into a {@link DecodeFailure} when the
 * bytes do not follow the dialect. Never throws for bad input: what to do about it is the next
 * handler's decision.
 *
 * <p>One per connection. The handler that answers a request may hand its view back
 * ({@link #recycle}) once nothing reads it any more: the next frame is then read into that view,
 * and into its byte array when the frame has the same length (a terminal's sales mostly do), so a
 * connection answering one request at a time decodes without allocating. A view not handed back
 * (one a later reply or another thread still reads) is simply left to its reader.
 */
public final class ViewDecoder extends MessageToMessageDecoder<ByteBuf> {
    private final Dialect dialect;
    /** A view handed back, read into by the next frame; null when there is none. */
    private MessageView spare;

    public ViewDecoder(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Hands back a view this decoder made, which nothing will read again (its frame array
     * included). Call it only on the connection's event loop.
     */
    public void recycle(MessageView view) {
        spare = view;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf body, List<Object> out) {
        MessageView reuse = spare;
        spare = null;
        int length = body.readableBytes();
        byte[] bytes = reuse != null && reuse.frame().length == length ? reuse.frame() : new byte[length];
        body.getBytes(body.readerIndex(), bytes);
        try {
            out.add(dialect.read(bytes, reuse));
        } catch (CodecException e) {
            out.add(new DecodeFailure(e, bytes));
        }
    }
}
