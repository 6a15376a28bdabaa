package io.acqsim.core.ledger;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How the memory store spreads its state over {@link #COUNT} lock stripes: a journal entry, its
 * trace keys, its terminal's batches and totals belong to the stripe of its terminal id; an
 * account to the stripe of its PAN. A unit of work holds the stripes of what it touches (a
 * {@code long} bit set, so at most 64).
 */
final class Stripes {
    static final int COUNT = 64;
    /** How many groups the stripes come in ({@code COUNT / GROUPS} each); each thread's book has a home group. */
    static final int GROUPS = 8;
    private static final int PER_GROUP = COUNT / GROUPS;
    private static final int BUCKET_BITS = 14;

    private Stripes() {
    }

    /**
     * Which group each bucket of names belongs to: the home group of the thread that named one of
     * them first. A terminal served by one event loop (its connection lives on one) and the cards it
     * sends then belong to stripes only that event loop takes, so two event loops on different
     * terminals share no lock and no cache line of the ledger. Fixed once set, so every thread
     * agrees on a name's stripe; bounded (a bucket array, not a map of names).
     */
    static final class Affinity {
        private final AtomicIntegerArray groups = new AtomicIntegerArray(1 << BUCKET_BITS);

        /** The stripe of {@code name} (null: stripe 0), its bucket given {@code home}'s group if it has none yet. */
        int of(String name, int home) {
            if (name == null) {
                return 0;
            }
            int h = name.hashCode() * 0x9E3779B1;
            h ^= h >>> 15;
            int bucket = h >>> (32 - BUCKET_BITS);
            int g = groups.get(bucket);
            if (g == 0) {
                groups.compareAndSet(bucket, 0, home % GROUPS + 1);
                g = groups.get(bucket);
            }
            return (g - 1) * PER_GROUP + (h & (PER_GROUP - 1));
        }
    }
}
