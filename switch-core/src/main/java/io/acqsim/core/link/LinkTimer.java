package io.acqsim.core.link;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where a link's delays come from: echo intervals, echo timeouts, reconnect back-off. The server
 * uses its event loops; tests hand in a timer they advance themselves, so nothing sleeps.
 * Tasks may run on any thread: a {@link Link} hands them to its own event loop.
 */
@FunctionalInterface
public interface LinkTimer {
    /** Something scheduled that can be called off. */
    @FunctionalInterface
    interface Scheduled {
        void cancel();
    }

    /** Runs {@code task} once after {@code delay}. */
    Scheduled schedule(Runnable task, Duration delay);

    /** A timer on a scheduler (the server's event loops); nothing is scheduled once it shuts down. */
    static LinkTimer on(ScheduledExecutorService scheduler) {
        return (task, delay) -> {
            try {
                ScheduledFuture<?> f = scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            } catch (RejectedExecutionException shuttingDown) {
                return () -> { };
            }
        };
    }
}
