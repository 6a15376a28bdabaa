package io.acqsim.core.link;

import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.config.Durations;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connect-out listener: acqsim dials its partner, answers what arrives exactly as a listening
 * listener does (the same pipeline, with a {@link LinkHandler} in it), sends an echo test every
 * {@code echoInterval}, declares the link dead when an echo is not answered within
 * {@code echoTimeout}, and redials with exponential back-off from {@code reconnectDelay} up to
 * {@code reconnectMaxDelay}. All its state changes happen on its own event loop; the admin API
 * reads volatile fields.
 */
public final class Link {
    private static final Logger log = LoggerFactory.getLogger(Link.class);

    /** How the link behaves: where it dials and its timings. */
    public record Settings(String host, int port, Duration echoInterval, Duration echoTimeout,
                           Duration reconnectDelay, Duration reconnectMaxDelay) {
    }

    private final String name;
    private final Dialect dialect;
    private final Settings settings;
    private final Bootstrap bootstrap;
    private final EventLoop loop;
    private final LinkTimer timer;
    private final Clock clock;
    private final AcqsimMetrics.LinkMeters meters;

    private volatile LinkState state = LinkState.DOWN;
    private volatile long since;
    private volatile long connects;
    private volatile long failedAttempts;
    private volatile long echoesSent;
    private volatile long echoesAnswered;
    private volatile long echoesMissed;
    private volatile long lastEchoSent = -1;
    private volatile long lastEchoAnswered = -1;
    private volatile long lastEchoRoundTripMs = -1;
    private volatile String lastEchoCode;
    private volatile String lastProblem;
    private volatile long nextAttemptAt = -1;
    private volatile long downSince;
    private volatile Channel channel;
    private volatile String localAddress;

    // Owned by the event loop.
    private Duration nextDelay;
    private LinkTimer.Scheduled pendingDial;
    private LinkTimer.Scheduled pendingEcho;
    private LinkTimer.Scheduled pendingTimeout;
    private String outstandingStan;
    private int stan;
    private String closeReason;

    /**
     * @param bootstrap a client bootstrap whose handler runs the listener's pipeline with this
     *                  link's {@link LinkHandler} in it (see {@link Links})
     */
    Link(String name, Dialect dialect, Settings settings, Bootstrap bootstrap, EventLoop loop, LinkTimer timer,
         Clock clock, AcqsimMetrics metrics) {
        this.name = name;
        this.dialect = dialect;
        this.settings = settings;
        this.bootstrap = bootstrap;
        this.loop = loop;
        this.timer = timer;
        this.clock = clock;
        this.meters = metrics.link(name, () -> state == LinkState.UP);
        this.nextDelay = settings.reconnectDelay();
        this.since = clock.millis();
        this.downSince = since;
    }

    public String name() {
        return name;
    }

    public LinkState state() {
        return state;
    }

    /** Starts dialling. */
    void start() {
        loop.execute(this::dial);
    }

    /** Stops for good: no redial, the connection closed. */
    void stop() {
        try {
            loop.execute(this::stopNow);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            state = LinkState.STOPPED;
        }
    }

    private void stopNow() {
        {
            enter(LinkState.STOPPED, "server stopping");
            cancelAll();
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
        }
    }

    private void dial() {
        if (state == LinkState.STOPPED) {
            return;
        }
        pendingDial = null;
        nextAttemptAt = -1;
        enter(LinkState.CONNECTING, "dialling " + settings.host() + ":" + settings.port());
        ChannelFuture f = bootstrap.connect(settings.host(), settings.port());
        f.addListener(done -> loop.execute(() -> {
            if (!done.isSuccess()) {
                failedAttempts++;
                meters.connectFailed();
                lastProblem = "cannot connect to " + settings.host() + ":" + settings.port() + ": "
                        + String.valueOf(done.cause() == null ? "cancelled" : done.cause().getMessage());
                down(lastProblem);
            }
        }));
    }

    /** The connection is established (from {@link LinkHandler#channelActive}). */
    void connected(Channel ch) {
        loop.execute(() -> {
            if (state == LinkState.STOPPED) {
                ch.close();
                return;
            }
            channel = ch;
            localAddress = String.valueOf(ch.localAddress());
            connects++;
            nextDelay = settings.reconnectDelay();
            closeReason = null;
            scheduleEcho();
            enter(LinkState.UP, "connected to " + settings.host() + ":" + settings.port() + " from " + localAddress);
        });
    }

    /** The connection is gone (from {@link LinkHandler#channelInactive}). */
    void disconnected(Channel ch) {
        loop.execute(() -> {
            if (ch != channel) {
                return;
            }
            channel = null;
            String why = closeReason != null ? closeReason : "connection closed by the partner";
            lastProblem = why;
            down(why);
        });
    }

    private void down(String why) {
        cancelAll();
        outstandingStan = null;
        if (state == LinkState.STOPPED) {
            return;
        }
        Duration delay = nextDelay;
        Duration doubled = nextDelay.multipliedBy(2);
        nextDelay = doubled.compareTo(settings.reconnectMaxDelay()) > 0 ? settings.reconnectMaxDelay() : doubled;
        nextAttemptAt = clock.millis() + delay.toMillis();
        pendingDial = timer.schedule(() -> loop.execute(this::dial), delay);
        enter(LinkState.DOWN, why + "; redialling in " + Durations.format(delay));
    }

    private void scheduleEcho() {
        if (settings.echoInterval().isZero()) {
            return;
        }
        pendingEcho = timer.schedule(() -> loop.execute(this::sendEcho), settings.echoInterval());
    }

    private void sendEcho() {
        pendingEcho = null;
        Channel ch = channel;
        if (state != LinkState.UP || ch == null || !ch.isActive()) {
            return;
        }
        stan = stan % 999_999 + 1;
        String s = String.format("%06d", stan);
        MessageBuilder echo = EchoMessages.echo(dialect, s, LocalDateTime.now(clock));
        outstandingStan = s;
        if (pendingTimeout != null) {
            pendingTimeout.cancel();
        }
        pendingTimeout = timer.schedule(() -> loop.execute(() -> echoTimedOut(s)), settings.echoTimeout());
        scheduleEcho();
        lastEchoSent = clock.millis();
        echoesSent++;
        meters.echo("sent");
        log.debug("link {}: echo test STAN {} sent", name, s);
        ch.pipeline().context(LinkHandler.class).writeAndFlush(echo);
    }

    /** An answer to an echo came in (from {@link LinkHandler}). */
    void echoAnswered(String answeredStan, String code) {
        loop.execute(() -> {
            if (answeredStan == null || !answeredStan.equals(outstandingStan)) {
                log.info("link {}: echo answer with STAN {} matches no echo outstanding ({}); ignored", name,
                        answeredStan, outstandingStan);
                return;
            }
            outstandingStan = null;
            if (pendingTimeout != null) {
                pendingTimeout.cancel();
                pendingTimeout = null;
            }
            echoesAnswered++;
            lastEchoAnswered = clock.millis();
            lastEchoRoundTripMs = lastEchoAnswered - lastEchoSent;
            lastEchoCode = code;
            meters.echo("answered");
            log.debug("link {}: echo test STAN {} answered {} after {} ms", name, answeredStan, code,
                    lastEchoRoundTripMs);
        });
    }

    private void echoTimedOut(String s) {
        pendingTimeout = null;
        if (!s.equals(outstandingStan) || state != LinkState.UP) {
            return;
        }
        echoesMissed++;
        meters.echo("missed");
        closeReason = "echo test STAN " + s + " not answered within " + Durations.format(settings.echoTimeout())
                + ": link declared dead";
        log.warn("link {}: {}", name, closeReason);
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    private void cancelAll() {
        for (LinkTimer.Scheduled s : new LinkTimer.Scheduled[] {pendingDial, pendingEcho, pendingTimeout}) {
            if (s != null) {
                s.cancel();
            }
        }
        pendingDial = null;
        pendingEcho = null;
        pendingTimeout = null;
    }

    private void enter(LinkState next, String why) {
        LinkState previous = state;
        long now = clock.millis();
        if (next == LinkState.UP) {
            downSince = -1;
        } else if (previous == LinkState.UP) {
            downSince = now;
        }
        state = next;
        since = now;
        meters.entered(next.name().toLowerCase());
        if (next == LinkState.CONNECTING && previous == LinkState.DOWN && connects == 0 && failedAttempts == 0) {
            log.info("link {} ({}): {}", name, dialect.name(), why);
        } else if (next == LinkState.DOWN) {
            log.warn("link {}: {} -> {}: {}", name, previous, next, why);
        } else {
            log.info("link {}: {} -> {}: {}", name, previous, next, why);
        }
    }

    /** The link as {@code GET /links} shows it. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("dialect", dialect.name());
        m.put("connect", settings.host() + ":" + settings.port());
        m.put("state", state.name());
        m.put("since", Instant.ofEpochMilli(since).toString());
        m.put("downSince", downSince < 0 ? null : Instant.ofEpochMilli(downSince).toString());
        m.put("local", channel == null ? null : localAddress);
        m.put("connects", connects);
        m.put("reconnects", Math.max(0, connects - 1));
        m.put("failedAttempts", failedAttempts);
        m.put("nextAttempt", nextAttemptAt < 0 || state != LinkState.DOWN ? null
                : Instant.ofEpochMilli(nextAttemptAt).toString());
        m.put("lastProblem", lastProblem);
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("interval", Durations.format(settings.echoInterval()));
        echo.put("timeout", Durations.format(settings.echoTimeout()));
        echo.put("sent", echoesSent);
        echo.put("answered", echoesAnswered);
        echo.put("missed", echoesMissed);
        echo.put("lastSent", lastEchoSent < 0 ? null : Instant.ofEpochMilli(lastEchoSent).toString());
        echo.put("lastAnswered", lastEchoAnswered < 0 ? null : Instant.ofEpochMilli(lastEchoAnswered).toString());
        echo.put("lastRoundTripMs", lastEchoRoundTripMs < 0 ? null : lastEchoRoundTripMs);
        echo.put("lastCode", lastEchoCode);
        m.put("echo", echo);
        return m;
    }
}
