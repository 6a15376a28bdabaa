package io.acqsim.core.server;

import io.acqsim.codec.layout.MessageView;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * What one listener decided for each request, told as it decides: answered (at once or after a
 * scripted delay), or deliberately not answered (a rule dropped the request or the response or
 * closed the connection, {@code advice.failure: drop}, a database commit whose outcome is
 * unknown). A test that must tell "no response" from "a slow response" waits for this decision
 * instead of listening to a silent socket for a while: on a busy machine any fixed silence is
 * either too short (a late answer looks like none) or needlessly long.
 *
 * <p>Nothing is kept while nobody {@link #watch watches}: on the event loops a decision costs one
 * read of a copy-on-write list. While a watch is open, each decision is appended to its lock-free
 * queue and its waiting thread unparked; the event loop never waits.
 */
public final class Answers {
    /** What the host did with a request. */
    public enum Fate {
        /** The response was written (spoiled ones included: a corrupt MAC, a garbage frame). */
        ANSWERED("answered it", true),
        /** The response is held back by a scripted delay and written when it runs out. */
        ANSWERED_LATER("answers it after a scripted delay", true),
        /** Nothing is sent for it: the request was dropped, the advice failure is 'drop', the outcome unknown. */
        NOT_ANSWERED("did not answer it", false),
        /** Processed, and the response deliberately not written (a rule's {@code drop: response}). */
        RESPONSE_DROPPED("dropped its response", false),
        /** Processed, and the connection closed instead of answering (a rule's {@code close}). */
        CONNECTION_CLOSED("closed the connection instead of answering", false);

        private final String words;
        private final boolean answered;

        Fate(String words, boolean answered) {
            this.words = words;
            this.answered = answered;
        }

        /** Whether a response is (or will be) written for the request. */
        public boolean answered() {
            return answered;
        }

        /** "dropped its response", "did not answer it", ...: what the host did, for reports. */
        public String words() {
            return words;
        }
    }

    /**
     * One decision about a request, identified as the terminal sent it.
     *
     * @param stan     DE11 as read, or null
     * @param terminal DE41 as read (trailing blanks removed), or null
     */
    public record Decision(String mti, String stan, String terminal, Fate fate) {
        /** Whether this is about the request with this MTI, DE11 and DE41 (numbers compared as numbers, blanks ignored). */
        public boolean isAbout(String mti, String stan, String terminal) {
            return this.mti.equals(mti) && sameNumber(this.stan, stan) && same(this.terminal, terminal);
        }

        private static boolean sameNumber(String a, String b) {
            if (a == null || b == null) {
                return a == b;
            }
            String x = a.strip();
            String y = b.strip();
            if (!x.isEmpty() && !y.isEmpty() && x.chars().allMatch(Character::isDigit) && y.chars().allMatch(Character::isDigit)) {
                return x.replaceFirst("^0+(?=.)", "").equals(y.replaceFirst("^0+(?=.)", ""));
            }
            return x.equals(y);
        }

        private static boolean same(String a, String b) {
            String x = a == null ? "" : a.strip();
            String y = b == null ? "" : b.strip();
            return x.equals(y);
        }
    }

    private final List<Watch> watches = new CopyOnWriteArrayList<>();

    /**
     * Starts recording this listener's decisions, from now until the watch is closed. Open it
     * before sending the request it is about.
     */
    public Watch watch() {
        Watch w = new Watch();
        watches.add(w);
        return w;
    }

    /** Whether anyone watches now (then a decision needs to know its request). */
    boolean watched() {
        return !watches.isEmpty();
    }

    /** The host decided {@code fate} for {@code request}. Any thread (event loops); never blocks. */
    void decided(MessageView request, Fate fate) {
        if (watches.isEmpty() || request == null) {
            return;
        }
        Decision d = new Decision(request.mti(), field(request, 11), field(request, 41), fate);
        for (Watch w : watches) {
            w.offer(d);
        }
    }

    private static String field(MessageView m, int f) {
        try {
            return m.has(f) ? m.string(f).stripTrailing() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The decisions made while it is open; one thread waits on it at a time. */
    public final class Watch implements AutoCloseable {
        private final Queue<Decision> seen = new ConcurrentLinkedQueue<>();
        private volatile Thread waiter;

        private Watch() {
        }

        private void offer(Decision d) {
            seen.add(d);
            Thread t = waiter;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        /**
         * The first decision about the request with this MTI, DE11 and DE41 made since the watch
         * opened, waiting for it up to {@code bound}; null if the host decided nothing about it
         * in that time. Decisions about other requests are passed over.
         */
        public Decision await(String mti, String stan, String terminal, Duration bound) throws InterruptedException {
            return await(d -> d.isAbout(mti, stan, terminal), bound);
        }

        /** The first decision {@code which} accepts, waiting up to {@code bound}; null if none came. */
        public Decision await(Predicate<Decision> which, Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            waiter = Thread.currentThread();
            try {
                while (true) {
                    for (Decision d = seen.poll(); d != null; d = seen.poll()) {
                        if (which.test(d)) {
                            return d;
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    LockSupport.parkNanos(this, left);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            } finally {
                waiter = null;
            }
        }

        /** Stops recording. */
        @Override
        public void close() {
            watches.remove(this);
            seen.clear();
        }
    }
}
