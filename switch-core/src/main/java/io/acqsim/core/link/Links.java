package io.acqsim.core.link;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The server's connect-out listeners ({@code connect: host:port}): built at start, dialling once started. */
public final class Links {
    /** The handler a link's {@link LinkHandler} goes in front of: the listener's traffic meter. */
    static final String BEFORE = "traffic";

    private final Map<String, Link> links = new LinkedHashMap<>();
    private final EventLoopGroup workers;
    private final Class<? extends Channel> channelType;
    private final LinkTimer timer;
    private final Clock clock;
    private final AcqsimMetrics metrics;

    /**
     * @param channelType the socket channel class matching {@code workers} (epoll or NIO)
     * @param timer       echo intervals, echo timeouts and back-off; null: the event loops
     */
    public Links(EventLoopGroup workers, Class<? extends Channel> channelType, LinkTimer timer, Clock clock,
                 AcqsimMetrics metrics) {
        this.workers = workers;
        this.channelType = channelType;
        this.timer = timer == null ? LinkTimer.on(workers) : timer;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Adds a link that runs {@code pipeline}, the same initializer a listening listener of its
     * dialect puts on each accepted connection, on the connection it dials.
     */
    public Link add(String name, Dialect dialect, Link.Settings settings, ChannelHandler pipeline, int writeLimit) {
        EventLoop loop = workers.next();
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, Math.max(1000, settings.echoTimeout().toMillis())))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(Math.max(1, writeLimit / 2), writeLimit));
        Link link = new Link(name, dialect, settings, b, loop, timer, clock, metrics);
        b.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(pipeline);
                ch.pipeline().addBefore(BEFORE, "link", new LinkHandler(link));
            }
        });
        links.put(name, link);
        return link;
    }

    public boolean isEmpty() {
        return links.isEmpty();
    }

    /** Starts dialling every link. */
    public void start() {
        links.values().forEach(Link::start);
    }

    /** Stops every link: no more redials, connections closed. */
    public void stop() {
        links.values().forEach(Link::stop);
    }

    public Link get(String name) {
        Link l = links.get(name);
        if (l == null) {
            throw new IllegalArgumentException("no connect-out listener named '" + name + "' (have " + links.keySet() + ")");
        }
        return l;
    }

    /** Every link as {@code GET /links} shows it. */
    public List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        links.values().forEach(l -> out.add(l.describe()));
        return out;
    }
}
