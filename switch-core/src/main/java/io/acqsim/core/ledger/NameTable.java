package io.acqsim.core.ledger;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Numbers for values a journal row would otherwise point to (its terminal's site, its response
 * code, its account): a row keeps an {@code int}, the table keeps each value once. Read without
 * locks; bounded by {@code limit}, past which {@link #of} answers -1 and the row keeps the value
 * beside it instead (a fuzzer inventing terminal ids fills no memory the retention does not bound).
 */
final class NameTable<T> {
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final int limit;
    private final ConcurrentHashMap<T, Integer> numbers = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<AtomicReferenceArray<T>> chunks;
    private final AtomicInteger next;

    /** @param first the first number handed out (numbers below it mean something else to the caller) */
    NameTable(int limit, int first) {
        this.limit = limit;
        this.next = new AtomicInteger(first);
        this.chunks = new AtomicReferenceArray<>((limit + CHUNK - 1) / CHUNK);
    }

    /** The number of {@code value}, given it now if it has none; -1 when the table is full. */
    int of(T value) {
        Integer n = numbers.get(value);
        if (n != null) {
            return n;
        }
        if (next.get() >= limit) {
            return -1;
        }
        Integer made = numbers.computeIfAbsent(value, v -> {
            int i = add(v);
            return i < 0 ? null : i;
        });
        return made == null ? -1 : made;
    }

    /** The number of {@code value}, or -1 when it has none (a look-up that adds nothing). */
    int find(T value) {
        Integer n = numbers.get(value);
        return n == null ? -1 : n;
    }

    /** Appends {@code value} under a new number without interning it; -1 when the table is full. */
    int add(T value) {
        int i = next.getAndIncrement();
        if (i >= limit) {
            next.set(limit);
            return -1;
        }
        int n = i >>> CHUNK_BITS;
        AtomicReferenceArray<T> c = chunks.get(n);
        if (c == null) {
            chunks.compareAndSet(n, null, new AtomicReferenceArray<>(CHUNK));
            c = chunks.get(n);
        }
        c.set(i & (CHUNK - 1), value);
        return i;
    }

    /** The value numbered {@code n}, or null. */
    T get(int n) {
        if (n < 0 || n >= limit) {
            return null;
        }
        AtomicReferenceArray<T> c = chunks.get(n >>> CHUNK_BITS);
        return c == null ? null : c.get(n & (CHUNK - 1));
    }
}
