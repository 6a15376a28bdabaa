package io.acqsim.core.server;

import io.acqsim.codec.IsoMessageDecoder;
import io.acqsim.codec.IsoMessageEncoder;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.framing.FrameDecoder;
import io.acqsim.core.config.LimitsConfig;
import io.acqsim.core.flow.TransactionProcessor;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

/** Assembles one connection's pipeline: length framing, dialect codec, request handling. */
final class ListenerInitializer extends ChannelInitializer<SocketChannel> {
    private final String listener;
    private final Dialect dialect;
    private final LimitsConfig limits;
    private final TransactionProcessor processor;
    private final IsoMessageDecoder decoder;
    private final IsoMessageEncoder encoder;

    ListenerInitializer(String listener, Dialect dialect, LimitsConfig limits, TransactionProcessor processor) {
        this.listener = listener;
        this.dialect = dialect;
        this.limits = limits;
        this.processor = processor;
        this.decoder = new IsoMessageDecoder(dialect);
        this.encoder = new IsoMessageEncoder(dialect);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("frameDecoder", new FrameDecoder(dialect.lengthHeader(), limits.maxFrameLength()));
        p.addLast("messageDecoder", decoder);
        p.addLast("messageEncoder", encoder);
        p.addLast("requestHandler", new RequestHandler(processor, listener));
    }
}
