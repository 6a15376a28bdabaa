package io.acqsim.core.server;

import io.acqsim.codec.ResponseEncoder;
import io.acqsim.codec.ViewDecoder;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.framing.FrameDecoder;
import io.acqsim.core.config.LimitsConfig;
import io.acqsim.core.flow.TransactionProcessor;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.acqsim.core.persist.Durability;
import io.acqsim.core.metrics.ThrottledLog;
import io.acqsim.core.metrics.TransactionLog;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Assembles one connection's pipeline: the connection cap, TLS if configured, idle and
 * frame-completion timeouts, length framing, dialect codec, traffic metering and logging,
 * backpressure (requests in flight, unsent responses), request handling.
 */
final class ListenerInitializer extends ChannelInitializer<Channel> {
    private final String listener;
    private final Dialect dialect;
    private final LimitsConfig limits;
    private final TransactionProcessor processor;
    private final ResponseEncoder encoder;
    private final AcqsimMetrics.DialectMeters meters;
    private final ListenerTraffic traffic;
    private final SslContext ssl;
    private final Durability durability;
    private final ThrottledLog tlsFailures;

    ListenerInitializer(String listener, Dialect dialect, LimitsConfig limits, TransactionProcessor processor,
                        ListenerTraffic traffic, AcqsimMetrics.DialectMeters meters, SslContext ssl,
                        Durability durability) {
        this.listener = listener;
        this.durability = durability;
        this.ssl = ssl;
        this.traffic = traffic;
        this.dialect = dialect;
        this.limits = limits;
        this.processor = processor;
        this.encoder = new ResponseEncoder(dialect);
        this.meters = meters;
        this.tlsFailures = new ThrottledLog(LoggerFactory.getLogger(TlsHandshakeWatch.class),
                listener + ": failed TLS handshakes");
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("connectionLimit", traffic.connections());
        if (ssl != null) {
            p.addLast("tls", ssl.newHandler(ch.alloc()));
            p.addLast("tlsWatch", new TlsHandshakeWatch(listener, meters, tlsFailures));
        }
        p.addLast("idle", new IdleStateHandler(limits.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        p.addLast("slowPeer", new SlowPeerHandler(listener, limits.readTimeout()));
        p.addLast("frameDecoder", new FrameDecoder(dialect.framing(), limits.maxFrameLength(), dialect));
        if (TransactionLog.tracing()) {
            p.addLast("traceTap", new TraceTap(listener, dialect));
        }
        ViewDecoder decoder = new ViewDecoder(dialect); // per connection: it reads each frame into the view its requests hand back
        p.addLast("messageDecoder", decoder);
        p.addLast("messageEncoder", encoder);
        p.addLast("traffic", new TrafficHandler(listener, dialect.name(), meters, processor.matching()));
        BackpressureHandler backpressure = new BackpressureHandler(listener, limits.maxInFlight(),
                limits.writeTimeout(), traffic, meters);
        p.addLast("backpressure", backpressure);
        p.addLast("requestHandler", new RequestHandler(processor, listener, durability, backpressure,
                traffic.answers(), decoder));
    }
}
