package io.acqsim.core.ledger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The memory store's journal: {@code capacity} rows kept as primitive columns, so that a full
 * journal of 10^6 transactions is a few dozen arrays the garbage collector never has to trace or
 * copy again, not millions of small objects. The row of id {@code n} lives in slot
 * {@code n % capacity}; a slot's {@link Chunk#id} says which id holds it now (0: none). Columns are
 * allocated a chunk of {@link #CHUNK} rows at a time as ids reach them, so a ledger that holds ten
 * transactions keeps a few kilobytes.
 *
 * <p>Which unit may read or change which row is {@link MemoryBook}'s business (the row's stripe);
 * only the slot's id is claimed with a compare-and-set, so that two units whose ids share a slot
 * (a retention smaller than the units in flight) cannot both take it.
 */
final class Journal {
    static final int CHUNK_BITS = 10;
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final VarHandle IDS = MethodHandles.arrayElementVarHandle(long[].class);

    /** One chunk's columns; a row is one index into each. See {@link Row} for what each holds. */
    static final class Chunk {
        final long[] id;
        final long[] time;
        final long[] amount;
        final long[] effective;
        final int[] meta;
        final int[] mti;
        final int[] site;
        final int[] stan;
        final int[] account;
        final int[] discriminator;
        final int[] batch;
        final int[] original;
        final int[] keyHash;
        final int[] keyNext;

        Chunk(int rows) {
            id = new long[rows];
            time = new long[rows];
            amount = new long[rows];
            effective = new long[rows];
            meta = new int[rows];
            mti = new int[rows];
            site = new int[rows];
            stan = new int[rows];
            account = new int[rows];
            discriminator = new int[rows];
            batch = new int[rows];
            original = new int[rows];
            keyHash = new int[rows];
            keyNext = new int[rows];
        }

        /**
         * The id in row {@code i}, read with acquire semantics (0: the slot is empty). A row being
         * written holds its id negated, for the few stores between {@link #claim} and {@link #publish}
         * (straight-line code that cannot fail): a reader waits those out.
         */
        long idAt(int i) {
            long v = (long) IDS.getAcquire(id, i);
            while (v < 0) {
                Thread.onSpinWait();
                v = (long) IDS.getAcquire(id, i);
            }
            return v;
        }

        /** Takes row {@code i} from {@code expected} for a row being written ({@code writing} is its id negated). */
        boolean claim(int i, long expected, long writing) {
            return IDS.compareAndSet(id, i, expected, writing);
        }

        /** Ends the writing of row {@code i}: from now on it holds {@code newId}. */
        void publish(int i, long newId) {
            IDS.setRelease(id, i, newId);
        }

        /** Empties row {@code i} if it still holds {@code expected}. */
        void release(int i, long expected) {
            IDS.compareAndSet(id, i, expected, 0L);
        }
    }

    final int capacity;
    private final AtomicReferenceArray<Chunk> chunks;

    Journal(int capacity) {
        this.capacity = capacity;
        this.chunks = new AtomicReferenceArray<>((capacity + CHUNK - 1) / CHUNK);
    }

    int slot(long id) {
        return (int) (id % capacity);
    }

    /** The chunk holding {@code slot}, or null when no id has reached it yet. */
    Chunk chunkIfPresent(int slot) {
        return chunks.get(slot >>> CHUNK_BITS);
    }

    /** The chunk holding {@code slot}, allocated if need be. */
    Chunk chunk(int slot) {
        int n = slot >>> CHUNK_BITS;
        Chunk c = chunks.get(n);
        if (c == null) {
            chunks.compareAndSet(n, null, new Chunk(Math.min(CHUNK, capacity - n * CHUNK)));
            c = chunks.get(n);
        }
        return c;
    }

    static int index(int slot) {
        return slot & (CHUNK - 1);
    }

    /** The id held by {@code slot} now, 0 when none. */
    long idAt(int slot) {
        Chunk c = chunkIfPresent(slot);
        return c == null ? 0 : c.idAt(index(slot));
    }
}
