package io.acqsim.core.admin;

import io.acqsim.core.config.AdminConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The admin HTTP API on Netty's HTTP codec, JSON in and out. Errors are always
 * {@code {"error": "..."}} with a 4xx or 5xx status. With a token configured, every call but the
 * dashboard's static files must carry {@code Authorization: Bearer <token>}; a call without it is
 * refused as soon as its headers are in, before any body is read.
 *
 * <p>No client can stall it: one I/O thread reads every connection without blocking; a request
 * must arrive in full (headers and body) within {@code admin.requestTimeout} of its first byte; a
 * connection with nothing under way is closed after {@code admin.idleTimeout}; bodies are capped at
 * {@value #MAX_BODY} bytes and headers at {@value #MAX_HEADERS}; at most {@code admin.maxConnections}
 * connections are open at once. Handlers run on a small pool of their own (they may read the
 * whole journal or wait on the durable journal), never on the I/O thread and only once their
 * request has arrived in full.
 */
public final class AdminServer implements AutoCloseable {
    static final int MAX_BODY = 1 << 20;
    static final int MAX_HEADERS = 16 * 1024;
    static final int MAX_INITIAL_LINE = 8 * 1024;

    private final EventLoopGroup group;
    private final ExecutorService handlers;
    private final Channel channel;

    private AdminServer(EventLoopGroup group, ExecutorService handlers, Channel channel) {
        this.group = group;
        this.handlers = handlers;
        this.channel = channel;
    }

    /**
     * Binds and serves. Refuses (a {@link ConfigException}) to serve a non-loopback address without a
     * token unless {@code admin.allowUnauthenticated} says so; throws {@link IOException} when the
     * address cannot be bound.
     */
    public static AdminServer start(AdminConfig config, AdminRoutes routes, AcqsimMetrics metrics) throws IOException {
        requireTokenUnlessLoopback(config);
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("acqsim-admin-io", true));
        ExecutorService handlers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "acqsim-admin");
            t.setDaemon(true);
            return t;
        });
        AdminConnectionLimit limit = new AdminConnectionLimit(config.maxConnections(), metrics);
        AdminAuth auth = new AdminAuth(config.resolvedToken(), routes);
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        AdminDeadline deadline = new AdminDeadline(config.requestTimeout(), metrics);
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("limit", limit);
                        // Output observed: a response the client is still taking is progress, a stuck one is not.
                        p.addLast("idle", new IdleStateHandler(true, 0, 0, config.idleTimeout().toMillis(),
                                TimeUnit.MILLISECONDS));
                        p.addLast("deadline", deadline);
                        p.addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192));
                        p.addLast("auth", auth);
                        p.addLast("aggregator", new AdminAggregator(MAX_BODY));
                        p.addLast("api", new AdminHttpHandler(routes, handlers, deadline));
                    }
                });
        try {
            Channel ch = b.bind(new InetSocketAddress(config.host(), config.port())).syncUninterruptibly().channel();
            return new AdminServer(group, handlers, ch);
        } catch (Exception e) {
            handlers.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("cannot bind " + config.host() + ":" + config.port(), e);
        }
    }

    /**
     * The admin API changes balances, rules and the ledger: reachable from other machines it needs a
     * token, or an explicit {@code admin.allowUnauthenticated: true}.
     */
    public static void requireTokenUnlessLoopback(AdminConfig config) {
        if (config.hasToken() || config.allowUnauthenticated() || isLoopback(config.host())) {
            return;
        }
        throw new ConfigException("admin.host: " + config.host() + " is not a loopback address and admin.token is "
                + "not set, so anyone who can reach port " + config.port() + " could change balances, rules and "
                + "the ledger. Set admin.token (clients then send 'Authorization: Bearer <token>'), or bind "
                + "admin.host: 127.0.0.1, or set admin.allowUnauthenticated: true to serve it without a token "
                + "on purpose");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true; // nothing to expose: the bind fails and says so
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
