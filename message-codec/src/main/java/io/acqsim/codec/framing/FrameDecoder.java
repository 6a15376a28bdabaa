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
    private final Framing framing;
    private final LengthHeader header;
    private final int maxFrameLength;
    private final FrameMeasure measure;
    private boolean failed;

    public FrameDecoder(LengthHeader header, int maxFrameLength) {
        this(new Framing(header, false, false, null), maxFrameLength, null);
    }

    /**
     * @param measure where a message ends, for framings without a length prefix; may be null otherwise
     */
    public FrameDecoder(Framing framing, int maxFrameLength, FrameMeasure measure) {
        if (maxFrameLength <= 0) {
            throw new IllegalArgumentException("maxFrameLength must be positive: " + maxFrameLength);
        }
        if (framing.length() == LengthHeader.NONE && measure == null) {
            throw new IllegalArgumentException("a framing without a length prefix needs a measure");
        }
        this.framing = framing;
        this.header = framing.length();
        this.maxFrameLength = maxFrameLength;
        this.measure = measure;
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
        if (header == LengthHeader.NONE) {
            decodeMeasured(in, out);
            return;
        }
        while (in.readableBytes() >= header.size()) {
            int start = in.readerIndex();
            int length = framing.bodyLength(header.read(in, start));
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

    /** No prefix: hand the buffered bytes to the layout until it finds a whole message. */
    private void decodeMeasured(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int readable = Math.min(in.readableBytes(), maxFrameLength + 1);
            byte[] bytes = new byte[readable];
            in.getBytes(in.readerIndex(), bytes);
            int length = measure.measure(bytes, readable);
            if (length == FrameMeasure.INCOMPLETE && readable <= maxFrameLength) {
                return;
            }
            if (length <= 0 || length > maxFrameLength) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw new FrameTooLongException(length == FrameMeasure.MALFORMED
                        ? "bytes that do not start a message (no length prefix to skip them)"
                        : "message longer than the maximum of " + maxFrameLength);
            }
            out.add(in.readRetainedSlice(length));
        }
    }
}
