package io.acqsim.bench.load;

import io.acqsim.codec.framing.FrameDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Runs one load phase: connects the terminals, signs each on, runs warm-up and the measured
 * window (open or closed loop), prints a progress line every second, waits for every answer (or
 * timeout, and the reversals owed for them), and returns what was measured.
 */
public final class LoadRunner {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private LoadRunner() {
    }

    /**
     * @param progress where the per-second line goes, or null for none
     * @param hlog     where per-second interval histograms go (tagged {@code name/kind}), or null
     */
    public static PhaseResult run(String name, LoadPlan plan, PrintStream progress, HistogramLogWriter hlog)
            throws InterruptedException {
        return run(name, plan, progress, hlog, 0);
    }

    /**
     * Posts {@code count} transactions as fast as the plan's connections allow (closed loop), then
     * stops sending and waits for the last answers: fills the host's journal before a measurement,
     * so that what is measured is a host with its journal at retention, as a long test would see it.
     * Bounded by the plan's duration.
     */
    public static PhaseResult prefill(LoadPlan plan, long count, PrintStream progress) throws InterruptedException {
        if (count < 1) {
            throw new IllegalArgumentException("prefill count must be at least 1");
        }
        return run("prefill", plan, progress, null, count);
    }

    private static PhaseResult run(String name, LoadPlan plan, PrintStream progress, HistogramLogWriter hlog,
                                   long stopAfter) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = epoll ? new EpollEventLoopGroup(plan.threads()) : new NioEventLoopGroup(plan.threads());
        Stats stats = new Stats(plan.dialect());
        List<Terminal> terminals = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        List<ScheduledFuture<?>> ticks = new ArrayList<>();
        try {
            Bootstrap b = new Bootstrap().group(group)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
            for (int i = 0; i < plan.connections(); i++) {
                Terminal t = new Terminal(plan, stats, i);
                terminals.add(t);
                ChannelFuture f = b.clone().handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new FrameDecoder(plan.dialect().framing(), 65_536, plan.dialect()), t);
                    }
                }).connect(plan.host(), plan.port()).awaitUninterruptibly();
                if (!f.isSuccess()) {
                    throw new IllegalStateException("cannot connect to " + plan.host() + ":" + plan.port() + ": "
                            + f.cause().getMessage(), f.cause());
                }
                channels.add(f.channel());
            }
            awaitSignOn(terminals, plan);

            Map<EventLoop, List<Terminal>> byLoop = new LinkedHashMap<>();
            for (int i = 0; i < terminals.size(); i++) {
                byLoop.computeIfAbsent(channels.get(i).eventLoop(), l -> new ArrayList<>()).add(terminals.get(i));
            }
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            long from = start + plan.warmup().toNanos();
            long to = from + plan.duration().toNanos();
            stats.window(from, to);
            int loopIndex = 0;
            for (Map.Entry<EventLoop, List<Terminal>> e : byLoop.entrySet()) {
                EventLoop loop = e.getKey();
                List<Terminal> mine = e.getValue();
                ticks.add(loop.scheduleAtFixedRate(() -> {
                    long now = System.nanoTime();
                    for (Terminal t : mine) {
                        t.expire(now);
                    }
                }, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS));
                if (plan.openLoop()) {
                    double share = (double) plan.rate() * mine.size() / terminals.size();
                    long offset = Math.round(1e9 / plan.rate() * loopIndex);
                    new Pacer(loop, mine, share, start + offset, to).begin();
                } else {
                    loop.schedule(() -> mine.forEach(Terminal::trySend), start - System.nanoTime(),
                            TimeUnit.NANOSECONDS);
                }
                loopIndex++;
            }

            Progress p = new Progress(name, stats, start, progress, hlog);
            if (stopAfter > 0) {
                while (stats.answered.sum() < stopAfter && System.nanoTime() < to) {
                    Thread.sleep(20);
                    p.tick();
                }
                stats.window(from, Math.min(to, System.nanoTime()));
            } else {
                p.runUntil(to);
            }
            long drainUntil = System.nanoTime() + plan.timeout().toNanos() + plan.lostTimeout().toNanos()
                    + TimeUnit.SECONDS.toNanos(2);
            while (stats.outstanding.get() > 0 && System.nanoTime() < drainUntil) {
                Thread.sleep(5);
                p.tick();
            }
            p.finish();

            Map<String, long[]> expected = new HashMap<>();
            Map<String, Integer> uncertain = new HashMap<>();
            for (int i = 0; i < terminals.size(); i++) {
                Terminal t = terminals.get(i);
                long[] mine = onLoop(channels.get(i).eventLoop(), () -> new long[] {
                    t.expectedBalance, t.expectedAvailable, t.uncertain});
                long[] sum = expected.computeIfAbsent(t.pan(), k -> new long[2]);
                sum[0] += mine[0];
                sum[1] += mine[1];
                if (mine[2] > 0) {
                    uncertain.merge(t.pan(), (int) mine[2], Integer::sum);
                }
            }
            EnumMap<Kind, Histogram> latency = p.totals();
            Histogram all = new Histogram(3);
            latency.values().forEach(all::add);
            return new PhaseResult(name, plan, latency, all, stats, plan.duration().toNanos() / 1e9, expected,
                    uncertain, stats.outstanding.get());
        } finally {
            ticks.forEach(t -> t.cancel(false));
            for (Channel ch : channels) {
                ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private static void awaitSignOn(List<Terminal> terminals, LoadPlan plan) throws InterruptedException {
        CompletableFuture<?> all = CompletableFuture.allOf(terminals.stream().map(t -> t.signedOn)
                .toArray(CompletableFuture[]::new));
        try {
            all.get(Math.max(10, plan.timeout().toSeconds()), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sign-on failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("sign-on (0800) unanswered by " + plan.host() + ":" + plan.port()
                    + "; is it speaking " + plan.dialect() + "?");
        }
    }

    private static long[] onLoop(EventLoop loop, java.util.concurrent.Callable<long[]> read)
            throws InterruptedException {
        try {
            return loop.submit(read).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read a terminal's totals", e);
        }
    }
}
