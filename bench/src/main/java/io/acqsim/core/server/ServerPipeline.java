package io.acqsim.core.server;

import io.acqsim.codec.IsoMessageDecoder;
import io.acqsim.codec.IsoMessageEncoder;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.framing.FrameDecoder;
import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.flow.ResponseBuilder;
import io.acqsim.core.flow.TransactionProcessor;
import io.acqsim.core.ledger.Ledger;
import io.acqsim.core.routing.Router;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.util.List;

/**
 * acqsim's request path without sockets, for benchmarks and the footprint probe: a ledger, the
 * processor a listener builds for a dialect, and a connection's pipeline (length framing, dialect
 * codec, request handler) on an {@link EmbeddedChannel}. Built as {@link AcqsimServer} builds them.
 */
public final class ServerPipeline {
    private final Dialect dialect;
    private final int maxFrameLength;
    private final Ledger ledger;
    private final TransactionProcessor processor;

    public ServerPipeline(Dialect dialect) {
        AcqsimConfig config = AcqsimConfig.defaults();
        AccountsConfig accounts = new AccountsConfig(true, 1_000_000_000_000_000L, "156", null);
        this.ledger = new Ledger(accounts, List.of(), Clock.systemUTC());
        this.processor = new TransactionProcessor(dialect, Router.defaultFor(dialect), ledger,
                new ResponseBuilder(true));
        this.dialect = dialect;
        this.maxFrameLength = config.limits().maxFrameLength();
    }

    public Ledger ledger() {
        return ledger;
    }

    public TransactionProcessor processor() {
        return processor;
    }

    /** A new connection's pipeline. */
    public EmbeddedChannel channel() {
        return new EmbeddedChannel(new FrameDecoder(dialect.lengthHeader(), maxFrameLength), new IsoMessageDecoder(dialect),
                new IsoMessageEncoder(dialect), new RequestHandler(processor, "bench"));
    }
}
