package io.acqsim.core.rules;

import io.acqsim.core.config.Durations;
import io.acqsim.core.flow.Request;
import io.acqsim.core.routing.TxType;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certification check: for every response the bank deliberately withheld (dropped, closed,
 * late, garbage, bad MAC), did the terminal send the reversal it owes, under the right key,
 * within {@code reversalWatch.within}, and how many times? One log line when a withheld response
 * is reversed and one when it becomes overdue. Per terminal, the newest {@value #MAX_PER_TERMINAL}
 * entries are kept.
 */
public final class ReversalWatch {
    private static final Logger log = LoggerFactory.getLogger(ReversalWatch.class);
    static final int MAX_PER_TERMINAL = 1000;
    private static final int MAX_OTHERS = 100;
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
        final long id;
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

        Entry(long id, ReversalKey key, Request r, String fault, String rule, long at) {
            this.id = id;
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
    private final ScheduledExecutorService timer;
    private final Map<String, Deque<Entry>> byTerminal = new HashMap<>();
    private final Map<String, Deque<Other>> others = new HashMap<>();
    private long nextId = 1;

    /**
     * @param within how long a terminal has to reverse
     * @param timer  schedules the overdue check (the server's event loops; nothing blocks on it)
     */
    public ReversalWatch(Duration within, Clock clock, ScheduledExecutorService timer) {
        this.within = within;
        this.clock = clock;
        this.timer = timer;
    }

    public Duration within() {
        return within;
    }

    /** Whether a withheld response to this request leaves the terminal owing a reversal. */
    public static boolean owesReversal(Request r) {
        return OWE_REVERSAL.contains(r.type());
    }

    /** Notes a response the bank withheld on purpose; {@code fault} and {@code rule} say how and why. */
    public void withheld(Request r, String fault, String rule) {
        if (!owesReversal(r)) {
            return;
        }
        ReversalKey key = ReversalKey.owedBy(r);
        Entry e;
        synchronized (this) {
            e = new Entry(nextId++, key, r, fault, rule, clock.millis());
            Deque<Entry> q = byTerminal.computeIfAbsent(String.valueOf(key.terminal()), t -> new ArrayDeque<>());
            q.addLast(e);
            if (q.size() > MAX_PER_TERMINAL) {
                q.removeFirst();
            }
        }
        try {
            timer.schedule(() -> checkOverdue(e), within.toMillis() + 1, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("reversal watch: not scheduling the overdue check of {}: shutting down", key);
        }
    }

    private void checkOverdue(Entry e) {
        boolean overdue;
        synchronized (this) {
            overdue = e.status(clock.millis()) == Status.OVERDUE;
        }
        if (overdue) {
            log.warn("reversal watch: {} {} {} ({}): no reversal within {}", e.key, e.mti, e.type, e.fault,
                    Durations.format(within));
        }
    }

    /** Notes a request; if it is a reversal or advice, it settles the withheld responses it names. */
    public void arrived(Request r) {
        if (r.type() != TxType.REVERSAL && r.type() != TxType.ADVICE) {
            return;
        }
        ReversalKey key = ReversalKey.namedBy(r);
        long now = clock.millis();
        List<String> settled = new ArrayList<>();
        synchronized (this) {
            Deque<Entry> q = byTerminal.get(String.valueOf(key.terminal()));
            boolean matched = false;
            if (q != null) {
                for (Entry e : q) {
                    if (!e.key.equals(key)) {
                        continue;
                    }
                    matched = true;
                    e.reversalMtis.add(r.mti());
                    if (e.firstReversalAt < 0) {
                        e.firstReversalAt = now;
                        e.reversalAmount = r.amount();
                        settled.add(e.mti + " " + e.type + " (" + e.fault + ") reversed by " + r.mti() + " after "
                                + (now - e.withheldAt) + " ms" + (e.status(now) == Status.REVERSED_LATE
                                ? ", later than " + Durations.format(within) : ""));
                    }
                }
            }
            if (!matched) {
                Deque<Other> o = others.computeIfAbsent(String.valueOf(key.terminal()), t -> new ArrayDeque<>());
                o.addLast(new Other(r.mti(), key, r.amount(), now));
                if (o.size() > MAX_OTHERS) {
                    o.removeFirst();
                }
            }
        }
        for (String s : settled) {
            log.info("reversal watch: {} {}", key, s);
        }
    }

    /** The watch for one terminal, as {@code GET /terminals/{tid}/reversal-watch} shows it. */
    public synchronized Map<String, Object> describe(String terminal) {
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
    public synchronized List<Map<String, Object>> summary() {
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

    public synchronized void reset() {
        byTerminal.clear();
        others.clear();
    }
}
