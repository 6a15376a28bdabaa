package io.acqsim.core.persist;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The server's clock: the real one, except while the journal is replayed, when it reads the time
 * each record was first processed at, so that replay makes exactly the decisions (duplicate
 * windows, dates, journal times) the live run made.
 */
public final class PinnedClock extends Clock {
    private static final long NOT_PINNED = Long.MIN_VALUE;

    private final Clock base;
    private volatile long pinned = NOT_PINNED;

    public PinnedClock(Clock base) {
        this.base = base;
    }

    /** Reads {@code millis} (epoch milliseconds) until {@link #unpin}. */
    public void pin(long millis) {
        pinned = millis;
    }

    public void unpin() {
        pinned = NOT_PINNED;
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        PinnedClock c = new PinnedClock(base.withZone(zone));
        c.pinned = pinned;
        return c;
    }

    @Override
    public long millis() {
        long p = pinned;
        return p == NOT_PINNED ? base.millis() : p;
    }

    @Override
    public Instant instant() {
        long p = pinned;
        return p == NOT_PINNED ? base.instant() : Instant.ofEpochMilli(p);
    }
}
