package io.acqsim.core.rules;

import io.acqsim.core.config.Durations;
import io.acqsim.core.flow.Request;
import io.acqsim.core.routing.TxType;
import io.netty.util.concurrent.EventExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certification check: for every response the bank deliberately withheld (dropped, closed,
 * late, garbage, bad MAC), did the terminal send the reversal it owes, under the right key,
 * within {@code reversalWatch.within}, and how many times? One log line when a withheld response
 * is reversed and one when it becomes overdue. Per terminal, the newest {@value #MAX_PER_TERMINAL}
 * entries are kept.
 *
 * <p>Single writer: the watch's state belongs to one event loop of the server (its owner). The
 * event loops that see a withheld response or a reversal hand the event to the owner's task
 * queue ({@code execute}, lock-free) and go on; nothing on an event loop waits for the watch. The
 * admin readers ({@link #describe}, {@link #summary}, {@link #reset}) run on the owner too and
 * wait for its answer, at most {@value #ANSWER_WITHIN_SECONDS} s: they are on the admin thread,
 * which may wait, and they see every event handed to the watch before they asked.
 */
public final class ReversalWatch {
    private static final Logger log = LoggerFactory.getLogger(ReversalWatch.class);
    static final int MAX_PER_TERMINAL = 1000;
    private static final int MAX_OTHERS = 100;
    /** How long an admin reader waits for the owner's answer. */
    static final int ANSWER_WITHIN_SECONDS = 5;
    private static final Set<TxType> OWE_REVERSAL = EnumSet.of(TxType.AUTH, TxType.AUTH_CANCEL, TxType.COMPLETION,
            TxType.COMPLETION_VOID, TxType.SALE, TxType.VOID, TxType.REVERSAL, TxType.ADVICE);

    /** Where a withheld response stands. */
    public enum Status {
        /** Withheld, no reversal yet, still within the allowed time. */
        WAITING,
        /** Reversed within the allowed time. */
        REVERSED,
        /** Reversed, but after the allowed time. */
        REVERSED_LATE,
        /** No reversal within the allowed time. */
        OVERDUE
    }

    private final class Entry {
        long id;
        final ReversalKey key;
        final String mti;
        final TxType type;
        final long amount;
        final String fault;
        final String rule;
        final long withheldAt;
        final List<String> reversalMtis = new ArrayList<>(2);
        long firstReversalAt = -1;
        long reversalAmount = -1;

        Entry(ReversalKey key, Request r, String fault, String rule, long at) {
            this.key = key;
            this.mti = r.mti();
            this.type = r.type();
            this.amount = r.amount();
            this.fault = fault;
            this.rule = rule;
            this.withheldAt = at;
        }

        Status status(long now) {
            if (firstReversalAt >= 0) {
                return firstReversalAt - withheldAt <= within.toMillis() ? Status.REVERSED : Status.REVERSED_LATE;
            }
            return now - withheldAt > within.toMillis() ? Status.OVERDUE : Status.WAITING;
        }

        Map<String, Object> describe(long now) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("status", status(now).name());
            m.put("mti", mti);
            m.put("type", type.name());
            m.put("stan", key.stan());
            if (key.batch() != null) {
                m.put("batch", key.batch());
            }
            m.put("merchant", key.merchant());
            m.put("amount", amount);
            m.put("fault", fault);
            m.put("rule", rule);
            m.put("withheldAt", Instant.ofEpochMilli(withheldAt).toString());
            m.put("reversals", reversalMtis.size());
            m.put("retries", Math.max(0, reversalMtis.size() - 1));
            m.put("reversalMtis", List.copyOf(reversalMtis));
            if (firstReversalAt >= 0) {
                m.put("reversedAfterMs", firstReversalAt - withheldAt);
                m.put("reversalAmount", reversalAmount);
            }
            return m;
        }
    }

    private record Other(String mti, ReversalKey key, long amount, long at) {
    }

    private final Duration within;
    private final Clock clock;
    private final EventExecutor owner;
    // the owner's alone: read and written only on the owner's thread
    private final Map<String, Deque<Entry>> byTerminal = new HashMap<>();
    private final Map<String, Deque<Other>> others = new HashMap<>();
    private long nextId = 1;

    /**
     * @param within how long a terminal has to reverse
     * @param owner  the one event loop that keeps the watch's state and runs its overdue checks
     *               (one of the server's workers); every other thread hands it events
     */
    public ReversalWatch(Duration within, Clock clock, EventExecutor owner) {
        this.within = within;
        this.clock = clock;
        this.owner = owner;
    }

    public Duration within() {
        return within;
    }

    /** Whether a withheld response to this request leaves the terminal owing a reversal. */
    public static boolean owesReversal(Request r) {
        return OWE_REVERSAL.contains(r.type());
    }

    /**
     * Notes a response the bank withheld on purpose; {@code fault} and {@code rule} say how and why.
     * Reads the request here and hands the entry to the watch's owner: never waits.
     */
    public void withheld(Request r, String fault, String rule) {
        if (!owesReversal(r)) {
            return;
        }
        Entry e = new Entry(ReversalKey.owedBy(r), r, fault, rule, clock.millis());
        hand(() -> record(e));
    }

    /** On the owner: files a withheld response and schedules its overdue check. */
    private void record(Entry e) {
        e.id = nextId++;
        Deque<Entry> q = byTerminal.computeIfAbsent(String.valueOf(e.key.terminal()), t -> new ArrayDeque<>());
        q.addLast(e);
        if (q.size() > MAX_PER_TERMINAL) {
            q.removeFirst();
        }
        try {
            owner.schedule(() -> checkOverdue(e), within.toMillis() + 1, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("reversal watch: not scheduling the overdue check of {}: shutting down", e.key);
        }
    }

    /** On the owner. */
    private void checkOverdue(Entry e) {
        if (e.status(clock.millis()) == Status.OVERDUE) {
            log.warn("reversal watch: {} {} {} ({}): no reversal within {}", e.key, e.mti, e.type, e.fault,
                    Durations.format(within));
        }
    }

    /**
     * Notes a request; if it is a reversal or advice, hands it to the watch's owner, which settles
     * the withheld responses it names. Never waits.
     */
    public void arrived(Request r) {
        if (r.type() != TxType.REVERSAL && r.type() != TxType.ADVICE) {
            return;
        }
        ReversalKey key = ReversalKey.namedBy(r);
        String mti = r.mti();
        long amount = r.amount();
        long now = clock.millis();
        hand(() -> reversalArrived(key, mti, amount, now));
    }

    /** On the owner: a reversal or advice that arrived at {@code now}. */
    private void reversalArrived(ReversalKey key, String mti, long amount, long now) {
        Deque<Entry> q = byTerminal.get(String.valueOf(key.terminal()));
        boolean matched = false;
        if (q != null) {
            for (Entry e : q) {
                if (!e.key.equals(key)) {
                    continue;
                }
                matched = true;
                e.reversalMtis.add(mti);
                if (e.firstReversalAt < 0) {
                    e.firstReversalAt = now;
                    e.reversalAmount = amount;
                    log.info("reversal watch: {} {} {} ({}) reversed by {} after {} ms{}", key, e.mti, e.type, e.fault,
                            mti, now - e.withheldAt, e.status(now) == Status.REVERSED_LATE
                                    ? ", later than " + Durations.format(within) : "");
                }
            }
        }
        if (!matched) {
            Deque<Other> o = others.computeIfAbsent(String.valueOf(key.terminal()), t -> new ArrayDeque<>());
            o.addLast(new Other(mti, key, amount, now));
            if (o.size() > MAX_OTHERS) {
                o.removeFirst();
            }
        }
    }

    /** Puts an event on the owner's task queue (lock-free); after shutdown it is dropped. */
    private void hand(Runnable event) {
        try {
            owner.execute(event);
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("reversal watch: event dropped: its event loop is shutting down");
        }
    }

    /**
     * Runs a reader on the owner and waits for its answer (admin thread only; on the owner itself it
     * runs at once). It sees every event handed to the watch before it was asked.
     */
    private <T> T ask(Callable<T> reader) {
        if (owner.inEventLoop()) {
            return call(reader);
        }
        Future<T> answer;
        try {
            answer = owner.submit(reader);
        } catch (RejectedExecutionException stopped) {
            return call(reader); // the owner has stopped: nothing writes the watch any more
        }
        try {
            return answer.get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            answer.cancel(false);
            throw new IllegalStateException("reversal watch: its event loop did not answer within "
                    + ANSWER_WITHIN_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reversal watch: interrupted while waiting for its event loop", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("reversal watch: " + e.getCause(), e.getCause());
        }
    }

    private static <T> T call(Callable<T> reader) {
        try {
            return reader.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns once the owner has processed every event handed to the watch before this call (tests
     * and tools that read the watch's log right after sending).
     */
    public void awaitHandedEvents() {
        ask(() -> null);
    }

    /** The watch for one terminal, as {@code GET /terminals/{tid}/reversal-watch} shows it. */
    public Map<String, Object> describe(String terminal) {
        return ask(() -> describeOnOwner(terminal));
    }

    private Map<String, Object> describeOnOwner(String terminal) {
        long now = clock.millis();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("terminal", terminal);
        m.put("within", Durations.format(within));
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            counts.put(s.name().toLowerCase(), 0);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Entry e : byTerminal.getOrDefault(terminal, new ArrayDeque<>())) {
            entries.add(e.describe(now));
            counts.merge(e.status(now).name().toLowerCase(), 1, Integer::sum);
        }
        m.put("withheld", entries.size());
        m.putAll(counts);
        m.put("entries", entries);
        List<Map<String, Object>> o = new ArrayList<>();
        for (Other x : others.getOrDefault(terminal, new ArrayDeque<>())) {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("mti", x.mti());
            om.put("stan", x.key().stan());
            if (x.key().batch() != null) {
                om.put("batch", x.key().batch());
            }
            om.put("merchant", x.key().merchant());
            om.put("amount", x.amount());
            om.put("time", Instant.ofEpochMilli(x.at()).toString());
            o.add(om);
        }
        m.put("otherReversals", o);
        return m;
    }

    /** One summary line per terminal that has entries. */
    public List<Map<String, Object>> summary() {
        return ask(this::summaryOnOwner);
    }

    private List<Map<String, Object>> summaryOnOwner() {
        long now = clock.millis();
        Map<String, Map<String, Object>> out = new TreeMap<>();
        byTerminal.forEach((terminal, q) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("terminal", terminal);
            m.put("withheld", q.size());
            for (Status s : Status.values()) {
                m.put(s.name().toLowerCase(), q.stream().filter(e -> e.status(now) == s).count());
            }
            out.put(terminal, m);
        });
        return new ArrayList<>(out.values());
    }

    /** Forgets every entry; events handed over before it are forgotten too. */
    public void reset() {
        ask(() -> {
            byTerminal.clear();
            others.clear();
            return null;
        });
    }
}
