package io.acqsim.core.link;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A link timer and clock a test moves by hand: {@link #advance} runs, on the test's thread, every
 * task that has come due (a {@link Link} hands each to its event loop). Nothing sleeps; a test
 * that needs the link to have scheduled something waits for it with {@link #awaitPending}.
 */
final class ManualTimer extends Clock implements LinkTimer {
    private final class Task implements Scheduled {
        final Runnable run;
        final Duration delay;
        final long due;

        Task(Runnable run, Duration delay, long due) {
            this.run = run;
            this.delay = delay;
            this.due = due;
        }

        @Override
        public void cancel() {
            synchronized (ManualTimer.this) {
                tasks.remove(this);
            }
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private volatile long now;

    ManualTimer(Instant start) {
        this.now = start.toEpochMilli();
    }

    @Override
    public synchronized Scheduled schedule(Runnable task, Duration delay) {
        Task t = new Task(task, delay, now + delay.toMillis());
        tasks.add(t);
        return t;
    }

    /** Moves time on by {@code d}, running each task that comes due, in order of its due time. */
    void advance(Duration d) {
        long target = now + d.toMillis();
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due <= target).min(Comparator.comparingLong(t -> t.due))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.due);
            }
            next.run.run();
        }
    }

    /** Waits, bounded, until a task scheduled with exactly {@code delay} is pending. */
    void awaitPending(Duration delay, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            synchronized (this) {
                if (tasks.stream().anyMatch(t -> t.delay.equals(delay))) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no task with delay " + delay + " scheduled within " + bound + "; pending: "
                        + pendingDelays());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    synchronized List<Duration> pendingDelays() {
        return tasks.stream().map(t -> t.delay).toList();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        return now;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(now);
    }
}
