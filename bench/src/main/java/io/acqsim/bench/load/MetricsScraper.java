package io.acqsim.bench.load;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scrapes acqsim's {@code /metrics} at a fixed period while a phase runs, as a Prometheus server
 * would, on one thread of the generator's process: what the scrape costs the host can then be read
 * from the host's throughput, not from the cost of starting a {@code curl} ten times a second on
 * the generator's core.
 */
final class MetricsScraper implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "metrics-scraper");
        t.setDaemon(true);
        return t;
    });
    private final Duration period;
    private final AtomicLong scraped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong longestNanos = new AtomicLong();
    private volatile String lastFailure;

    private MetricsScraper(Duration period) {
        this.period = period;
    }

    static MetricsScraper start(AdminApi api, Duration period) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("--scrape-metrics must be a positive duration: " + period);
        }
        MetricsScraper s = new MetricsScraper(period);
        s.timer.scheduleAtFixedRate(() -> s.scrape(api), 0, period.toNanos(), TimeUnit.NANOSECONDS);
        return s;
    }

    private void scrape(AdminApi api) {
        long t0 = System.nanoTime();
        try {
            api.metrics();
            scraped.incrementAndGet();
            longestNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
        } catch (Exception e) {
            failed.incrementAndGet();
            lastFailure = e.toString();
        }
    }

    long scraped() {
        return scraped.get();
    }

    long failed() {
        return failed.get();
    }

    String summary() {
        return String.format(Locale.ROOT, "metrics: GET /metrics every %d ms: %d scrapes, %d failed, longest %.1f ms%s",
                period.toMillis(), scraped(), failed(), longestNanos.get() / 1e6,
                lastFailure == null ? "" : " (last failure: " + lastFailure + ")");
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
