package io.acqsim.core.ledger;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The journal's slots, {@code capacity} of them, allocated a chunk at a time as ids reach them: a
 * ledger with the default retention of 10^6 that holds ten transactions keeps a few kilobytes, not
 * four megabytes. Slots are read and swapped atomically; which unit may swap which slot is
 * {@link MemoryBook}'s business.
 */
final class Ring {
    private static final int CHUNK_BITS = 14;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final int capacity;
    private final AtomicReferenceArray<AtomicReferenceArray<Entry>> chunks;

    Ring(int capacity) {
        this.capacity = capacity;
        this.chunks = new AtomicReferenceArray<>((capacity + CHUNK - 1) / CHUNK);
    }

    Entry get(int slot) {
        AtomicReferenceArray<Entry> c = chunks.get(slot >>> CHUNK_BITS);
        return c == null ? null : c.get(slot & (CHUNK - 1));
    }

    boolean compareAndSet(int slot, Entry expected, Entry update) {
        return chunk(slot).compareAndSet(slot & (CHUNK - 1), expected, update);
    }

    private AtomicReferenceArray<Entry> chunk(int slot) {
        int i = slot >>> CHUNK_BITS;
        AtomicReferenceArray<Entry> c = chunks.get(i);
        if (c == null) {
            chunks.compareAndSet(i, null, new AtomicReferenceArray<>(Math.min(CHUNK, capacity - i * CHUNK)));
            c = chunks.get(i);
        }
        return c;
    }
}
