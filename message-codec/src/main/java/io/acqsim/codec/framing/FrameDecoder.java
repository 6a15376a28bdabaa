package io.acqsim.codec.framing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frames by their length prefix and passes each body on as a
 * {@link ByteBuf}. The announced length is checked against {@code maxFrameLength} as soon as the
 * prefix is readable, before any of the body is buffered: an oversized or malformed prefix raises
 * {@link FrameTooLongException} and the decoder discards everything after it, so the pipeline can
 * close the connection.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final LengthHeader header;
    private final int maxFrameLength;
    private boolean failed;

    public FrameDecoder(LengthHeader header, int maxFrameLength) {
        if (maxFrameLength <= 0) {
            throw new IllegalArgumentException("maxFrameLength must be positive: " + maxFrameLength);
        }
        this.header = header;
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * Bytes received but not yet passed on as a frame: above zero while a frame is in progress.
     * Lets a handler in front of this one put a deadline on completing a frame.
     */
    public int bufferedBytes() {
        return actualReadableBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= header.size()) {
            int start = in.readerIndex();
            int length = header.read(in, start);
            if (length == LengthHeader.INVALID || length > maxFrameLength) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw new FrameTooLongException(length == LengthHeader.INVALID
                        ? "malformed " + header + " length prefix"
                        : "frame length " + length + " exceeds the maximum of " + maxFrameLength);
            }
            if (in.readableBytes() < header.size() + length) {
                return;
            }
            in.skipBytes(header.size());
            out.add(in.readRetainedSlice(length));
        }
    }
}
