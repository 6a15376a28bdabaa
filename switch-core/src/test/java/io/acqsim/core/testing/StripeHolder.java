package io.acqsim.core.testing;

import io.acqsim.core.ledger.Book;
import io.acqsim.core.ledger.LedgerStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A thread that holds what a unit of work takes in a ledger (the stripes of a terminal or a card,
 * as an admin call or another event loop would) until {@link #release}d: to show that an event
 * loop does not wait for it. Every wait is bounded.
 */
public final class StripeHolder implements AutoCloseable {
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread thread;

    private StripeHolder(LedgerStore ledger, Consumer<Book> take) {
        thread = new Thread(() -> ledger.apply(book -> {
            take.accept(book);
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), "stripe-holder");
    }

    /** Starts the holder and returns once {@code take} has taken what it looks up. */
    public static StripeHolder hold(LedgerStore ledger, Consumer<Book> take) throws InterruptedException {
        StripeHolder h = new StripeHolder(ledger, take);
        h.thread.start();
        if (!h.held.await(10, TimeUnit.SECONDS)) {
            h.close();
            throw new AssertionError("the holder did not get what it looks up within 10 s");
        }
        return h;
    }

    public void release() {
        release.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        release();
        thread.join(10_000);
    }
}
