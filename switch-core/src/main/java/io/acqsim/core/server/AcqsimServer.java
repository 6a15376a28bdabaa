package io.acqsim.core.server;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.admin.AccountsApi;
import io.acqsim.core.admin.AdminRoutes;
import io.acqsim.core.admin.AdminServer;
import io.acqsim.core.admin.DashboardApi;
import io.acqsim.core.admin.ExportApi;
import io.acqsim.core.admin.LinksApi;
import io.acqsim.core.admin.MetricsApi;
import io.acqsim.core.admin.RulesApi;
import io.acqsim.core.admin.TerminalsApi;
import io.acqsim.core.admin.TransactionsApi;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.config.DialectDefinitions;
import io.acqsim.core.config.ListenerConfig;
import io.acqsim.core.flow.ResponseBuilder;
import io.acqsim.core.flow.TransactionProcessor;
import io.acqsim.core.ledger.LedgerStore;
import io.acqsim.core.ledger.LedgerStores;
import io.acqsim.core.ledger.AccountFixtures;
import io.acqsim.core.link.Link;
import io.acqsim.core.link.LinkTimer;
import io.acqsim.core.link.Links;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.acqsim.core.persist.Durability;
import io.acqsim.core.persist.PinnedClock;
import io.acqsim.core.routing.Route;
import io.acqsim.core.routing.Router;
import io.acqsim.core.routing.RoutingTables;
import io.acqsim.core.rules.ReversalWatch;
import io.acqsim.core.rules.Rule;
import io.acqsim.core.rules.RuleSet;
import io.acqsim.core.rules.RulesLoader;
import io.acqsim.core.rules.Scripting;
import io.acqsim.core.session.ConnectionTap;
import io.acqsim.core.session.TerminalSessions;
import io.acqsim.core.chip.ChipSteps;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running fake bank: one TCP listener per configured dialect, the admin HTTP API, and the
 * ledger they share. {@link #start} returns once every port is bound; {@link #shutdown} stops it
 * gracefully, {@link #close} at once.
 */
public final class AcqsimServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AcqsimServer.class);
    /** The listeners of the servers running in this JVM, by bound port, while they run. */
    private static final Map<Integer, Bound> HERE = new ConcurrentHashMap<>();

    /** A listener of a server in this JVM. */
    private record Bound(AcqsimServer server, String listener) {
    }

    private final AcqsimConfig config;
    private final LedgerStore ledger;
    private final AcqsimMetrics metrics = new AcqsimMetrics();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Map<String, Channel> listeners = new LinkedHashMap<>();
    private final Map<String, ListenerTraffic> traffic = new LinkedHashMap<>();
    private final Map<String, ChannelHandler> pipelines = new LinkedHashMap<>();
    private final RuleSet rules;
    private final ReversalWatch reversalWatch;
    private final Scripting scripting;
    private final TerminalSessions sessions;
    private final ChipSteps chip;
    private final Links links;
    private AdminServer admin;
    private AdminRoutes routes;
    private boolean closed;

    private final PinnedClock clock;
    private final Durability durability;

    private AcqsimServer(AcqsimConfig config, Clock clock, Path journalDir, LinkTimer linkTimer) {
        this.config = config;
        this.clock = new PinnedClock(clock);
        clock = this.clock; // everything below reads the clock that journal replay can pin
        if (journalDir != null && config.ledger().inPostgresql()) {
            throw new ConfigException("--journal " + journalDir + ": the journal keeps an in-memory ledger across"
                    + " restarts; with ledger.store: postgresql the database keeps it (drop --journal)");
        }
        this.durability = journalDir == null ? null : Durability.open(journalDir, this.clock);
        this.ledger = LedgerStores.open(config, AccountFixtures.load(config), clock, metrics.registry());
        metrics.watch(ledger);
        List<Rule> fileRules = RulesLoader.load(config);
        this.rules = new RuleSet(() -> fileRules);
        boolean epoll = Epoll.isAvailable();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        this.workers = epoll ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
        this.reversalWatch = new ReversalWatch(config.reversalWatch().within(), clock, workers.next());
        this.scripting = new Scripting(rules, reversalWatch, config.rules().lateDelay(), metrics::ruleFired);
        this.sessions = new TerminalSessions(config.session(), config.duplicate().window(), clock, metrics);
        this.chip = new ChipSteps(config);
        this.links = new Links(workers, epoll ? EpollSocketChannel.class : NioSocketChannel.class, linkTimer, clock,
                metrics);
    }

    /** Starts every enabled listener and the admin API; throws {@link ConfigException} if a port cannot be bound. */
    public static AcqsimServer start(AcqsimConfig config) {
        return start(config, Clock.systemDefaultZone());
    }

    public static AcqsimServer start(AcqsimConfig config, Clock clock) {
        return start(config, clock, null);
    }

    /**
     * Starts with the durable journal in {@code journalDir} (null: in memory only): the journal is
     * replayed into the ledger before any port is bound, and every change is journaled from then on.
     */
    public static AcqsimServer start(AcqsimConfig config, Clock clock, Path journalDir) {
        return start(config, clock, journalDir, null);
    }

    /**
     * As {@link #start(AcqsimConfig, Clock, Path)}, with the timer that paces connect-out links
     * (echo tests, echo timeouts, redial back-off); null uses the event loops. Tests pass one they
     * advance themselves.
     */
    public static AcqsimServer start(AcqsimConfig config, Clock clock, Path journalDir, LinkTimer linkTimer) {
        AcqsimServer server = new AcqsimServer(config, clock, journalDir, linkTimer);
        try {
            server.bind();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void bind() {
        if (config.admin().enabled()) {
            AdminServer.requireTokenUnlessLoopback(config.admin()); // before any port is bound
        }
        Class<? extends ServerChannel> channelType = boss instanceof EpollEventLoopGroup
                ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        Map<String, Dialect> dialects = DialectDefinitions.resolve(config, "configuration");
        Map<String, List<Route>> routing = RoutingTables.load(config, dialects);
        Map<String, TransactionProcessor> processors = new LinkedHashMap<>();
        config.listeners().forEach((name, l) -> {
            if (l.enabled()) {
                processors.put(name, processor(dialect(dialects, name, l.dialect()), l.tpduResponse(), routing));
            }
        });
        AdminRoutes routes = adminRoutes();
        this.routes = routes;
        if (durability != null) {
            routes.interceptMutations(durability.adminInterceptor());
            durability.replay(processors::get,
                    dialect -> processor(dialect(dialects, "journal", dialect), "swap", routing), routes);
        }
        for (Map.Entry<String, TransactionProcessor> e : processors.entrySet()) {
            String name = e.getKey();
            ListenerConfig l = config.listeners().get(name);
            TransactionProcessor processor = e.getValue();
            Dialect dialect = processor.dialect();
            ListenerTraffic t = new ListenerTraffic(new ConnectionLimitHandler(name, config.limits().maxConnections()));
            traffic.put(name, t);
            metrics.dialect(dialect.name()).watch(
                    new AcqsimMetrics.ListenerGauges(t::refusedConnections, t::pausedConnections, t::inFlight));
            int writeLimit = config.limits().writeBufferLimit();
            ChannelHandler pipeline = ConnectionTap.around(new ListenerInitializer(name, dialect, config.limits(),
                    processor, t, metrics.dialect(dialect.name()), sslContext(name, l), durability),
                    "requestHandler", name, sessions, processor.matching().terminal());
            pipelines.put(name, pipeline);
            if (l.connectsOut()) {
                links.add(name, dialect, new Link.Settings(l.connectHost(), l.connectPort(), l.echoInterval(),
                        l.echoTimeout(), l.reconnectDelay(), l.reconnectMaxDelay()), pipeline, writeLimit);
                continue;
            }
            ServerBootstrap b = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(Math.max(1, writeLimit / 2), writeLimit))
                    .childHandler(pipeline);
            Channel ch;
            try {
                ch = b.bind(new InetSocketAddress(l.host(), l.port())).syncUninterruptibly().channel();
            } catch (Exception ex) {
                throw bindFailure("listeners." + name, l.host(), l.port(), ex);
            }
            listeners.put(name, ch);
            HERE.put(port(name), new Bound(this, name));
            log.info("listener {} speaks {} on {}:{}{}", name, dialect.name(), l.host(), port(name),
                    l.tls() == null ? "" : " (TLS)");
        }
        if (config.admin().enabled()) {
            try {
                admin = AdminServer.start(config.admin(), routes, metrics);
            } catch (IOException ex) {
                throw bindFailure("admin", config.admin().host(), config.admin().port(), ex);
            }
            log.info("admin API on http://{}:{}/", config.admin().host(), admin.port());
        }
        links.start();
        if (durability != null) {
            log.info("durable journal {}: every ledger change is written there before it is answered",
                    durability.path());
        }
    }

    private TransactionProcessor processor(Dialect dialect, String tpduResponse, Map<String, List<Route>> routing) {
        return new TransactionProcessor(dialect, new Router(routing.get(dialect.name())), ledger,
                new ResponseBuilder("swap".equals(tpduResponse), dialect.isCup(), clock), config, clock, scripting, sessions,
                chip);
    }

    private static Dialect dialect(Map<String, Dialect> dialects, String where, String name) {
        Dialect d = dialects.get(name);
        if (d == null) {
            throw new ConfigException(where + ": unknown dialect '" + name + "' (known: " + dialects.keySet() + ")");
        }
        return d;
    }

    private AdminRoutes adminRoutes() {
        AdminRoutes routes = new AdminRoutes();
        AccountsApi.register(routes, ledger, this::isUp, chip.pins(), config.ledger().inPostgresql()
                ? Map.of("node", config.ledger().nodeOrDefault(), "ledger", config.ledger().store()) : Map.of());
        ExportApi.register(routes, ledger);
        TransactionsApi.register(routes, ledger, this::reset, chip.records());
        MetricsApi.register(routes, metrics);
        RulesApi.register(routes, rules, reversalWatch,
                config.dialectsByName().values().stream().map(Dialect::layout).toList());
        LinksApi.register(routes, links);
        TerminalsApi.register(routes, sessions, reversalWatch);
        DashboardApi.register(routes);
        return routes;
    }

    /** The listener's TLS context, or null for plain TCP; a certificate or key that does not load stops the start. */
    private SslContext sslContext(String name, ListenerConfig l) {
        if (l.tls() == null) {
            return null;
        }
        String key = "listeners." + name + ".tls";
        try {
            return SslContextBuilder.forServer(config.resolve(l.tls().certificate()).toFile(),
                    config.resolve(l.tls().key()).toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new ConfigException(key + ": cannot use certificate " + l.tls().certificate() + " with key "
                    + l.tls().key() + " (PEM, key unencrypted PKCS#8): " + root.getMessage(), e);
        }
    }

    private static ConfigException bindFailure(String key, String host, int port, Exception ex) {
        return new ConfigException(key + ": cannot bind " + host + ":" + port + ": " + whyBindFailed(ex), ex);
    }

    /** A bind failure in words, whichever transport (NIO, epoll, the JDK's HTTP server) raised it. */
    private static String whyBindFailed(Throwable ex) {
        String first = null;
        for (Throwable t = ex; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage());
            if (msg.contains("already in use")) {
                return "port in use";
            }
            if (msg.contains("Permission denied")) {
                return "not allowed (ports below 1024 need privileges)";
            }
            if (msg.contains("Cannot assign requested address")) {
                return "no such local address";
            }
            if (t instanceof BindException) {
                return "port in use or not allowed";
            }
            first = first == null ? msg : first;
        }
        return first;
    }

    /** The port a listener is bound to (the real one when configured as 0). */
    public int port(String listener) {
        Channel ch = listeners.get(listener);
        if (ch == null) {
            throw new IllegalArgumentException("no listener named '" + listener + "' (have " + listeners.keySet() + ")");
        }
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    /**
     * The record of what the listener bound to {@code port} decides for each request, when a
     * server in this JVM has such a listener running (a test's, or the one {@code acqsim run}
     * started): a client in the same process can then know that a request was deliberately not
     * answered instead of guessing from a silent socket. Empty for any other port.
     */
    public static Optional<Answers> answersOnPort(int port) {
        Bound b = HERE.get(port);
        return b == null ? Optional.empty() : Optional.of(b.server().traffic(b.listener()).answers());
    }

    /** Connections, requests in flight and paused readers of one listener. */
    public ListenerTraffic traffic(String listener) {
        ListenerTraffic t = traffic.get(listener);
        if (t == null) {
            throw new IllegalArgumentException("no listener named '" + listener + "' (have " + traffic.keySet() + ")");
        }
        return t;
    }

    /**
     * What a listener puts on each accepted connection: its whole pipeline (limits, framing, codec,
     * metrics, request handling). Benchmarks run it on an {@code EmbeddedChannel}, without sockets.
     */
    public ChannelHandler pipeline(String listener) {
        ChannelHandler p = pipelines.get(listener);
        if (p == null) {
            throw new IllegalArgumentException("no listener named '" + listener + "' (have " + pipelines.keySet() + ")");
        }
        return p;
    }

    /**
     * Calls an admin API route in-process, without HTTP or token (the testkit's client): the value
     * the route answers, JSON-serializable. A refused call throws with the API's message.
     */
    public Object adminCall(String method, String path, Map<String, String> query, byte[] body) throws Exception {
        return routes.invoke(method, path, query, body);
    }

    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    public LedgerStore ledger() {
        return ledger;
    }

    /** Every meter; {@code GET /metrics} scrapes it. */
    public AcqsimMetrics metrics() {
        return metrics;
    }

    public AcqsimConfig config() {
        return config;
    }

    public RuleSet rules() {
        return rules;
    }

    public ReversalWatch reversalWatch() {
        return reversalWatch;
    }

    /** The connect-out listeners ({@code connect: host:port}). */
    public Links links() {
        return links;
    }

    /** Every terminal's session: sign-on, batch, STAN reuses ({@code GET /terminals/{tid}}). */
    public TerminalSessions sessions() {
        return sessions;
    }

    /** Ledger and journal back to the fixtures, rules back to the rule file, watch emptied ({@code POST /reset}). */
    public void reset() {
        ledger.reset();
        rules.reset();
        reversalWatch.reset();
        sessions.reset();
        chip.reset();
    }

    /** Chip and PIN: PINs on accounts, ISO terminals' working keys, decoded DE55 of recent transactions. */
    public ChipSteps chip() {
        return chip;
    }

    /** True once every enabled listener is bound. */
    public boolean isUp() {
        return listeners.values().stream().allMatch(Channel::isActive);
    }

    /** What a {@link #shutdown} did with the requests it found in flight. */
    public record ShutdownReport(long completed, int dropped) {
    }

    /**
     * Stops gracefully: no new connections, no more reading, requests already read get up to
     * {@code grace} to be answered, then every connection is flushed and closed and the rest of the
     * server stopped. Logs {@code shutdown: N completed, M dropped}.
     */
    public ShutdownReport shutdown(Duration grace) {
        synchronized (this) {
            if (closed) {
                return new ShutdownReport(0, 0);
            }
        }
        for (Channel ch : listeners.values()) {
            ch.close().syncUninterruptibly();
        }
        links.stop();
        long answeredBefore = 0;
        int inFlightBefore = 0;
        for (ListenerTraffic t : traffic.values()) {
            answeredBefore += t.answered();
            inFlightBefore += t.inFlight();
            for (Channel ch : t.connections().channels()) {
                ch.eventLoop().execute(() -> BackpressureHandler.stopReading(ch));
            }
        }
        log.info("shutdown: stopped accepting; waiting up to {} for {} requests in flight", grace, inFlightBefore);
        long deadline = System.nanoTime() + grace.toNanos();
        int dropped = 0;
        long answeredAfter = 0;
        try {
            for (ListenerTraffic t : traffic.values()) {
                dropped += t.awaitNoneInFlight(deadline);
                answeredAfter += t.answered();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropped = traffic.values().stream().mapToInt(ListenerTraffic::inFlight).sum();
        }
        for (ListenerTraffic t : traffic.values()) {
            for (Channel ch : t.connections().channels()) {
                ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            t.connections().channels().newCloseFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        ShutdownReport report = new ShutdownReport(answeredAfter - answeredBefore, dropped);
        log.info("shutdown: {} completed, {} dropped", report.completed(), report.dropped());
        close();
        return report;
    }

    /** Stops at once: open connections are closed whatever they were doing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        HERE.values().removeIf(b -> b.server() == this);
        if (admin != null) {
            admin.close();
        }
        links.stop();
        for (Channel ch : listeners.values()) {
            ch.close().syncUninterruptibly();
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (durability != null) {
            durability.close();
        }
        ledger.close();
    }
}
