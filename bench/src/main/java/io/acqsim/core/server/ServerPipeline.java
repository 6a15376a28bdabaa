package io.acqsim.core.server;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.ledger.LedgerStore;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;

/**
 * acqsim's request path without sockets, for benchmarks and the footprint probe: a real
 * {@link AcqsimServer} (default configuration, ephemeral ports, no traffic on them) whose
 * listener pipeline (limits, framing, codec, metrics, request handling, ledger) runs on an
 * {@link EmbeddedChannel}, on the caller's thread.
 */
public final class ServerPipeline implements AutoCloseable {
    /** Balance of the benchmark cards: no sale is ever declined {@code 51}. */
    public static final long BALANCE = io.acqsim.core.ledger.Money.MAX_BALANCE;

    private final AcqsimServer server;
    private final String listener;
    private final List<String> pans;

    public ServerPipeline(Dialect dialect, List<String> pans) {
        this.server = AcqsimServer.start(AcqsimConfig.defaults().onEphemeralPorts());
        this.listener = server.config().listeners().entrySet().stream()
                .filter(e -> e.getValue().dialect().equals(dialect.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no listener for " + dialect)).getKey();
        this.pans = List.copyOf(pans);
        reset();
    }

    public LedgerStore ledger() {
        return server.ledger();
    }

    /** Journal back to empty, the cards back to {@link #BALANCE}. */
    public void reset() {
        server.reset();
        for (String pan : pans) {
            server.ledger().put(pan, BALANCE, "156");
        }
    }

    /** A new connection's pipeline, exactly as the listener builds it. */
    public EmbeddedChannel channel() {
        return new EmbeddedChannel(server.pipeline(listener));
    }

    @Override
    public void close() {
        server.close();
    }
}
