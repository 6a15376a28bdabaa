package io.acqsim.core.rules;

import io.acqsim.core.flow.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force, in the order they are tried: rules added at run time first (oldest
 * first), then the rule file's. The first rule that matches wins. Safe for any number of
 * connections: look-ups read a copy-on-write list, and a rule's {@code times} counter is taken
 * with compare-and-set, so a rule armed for two matches fires exactly twice however the requests
 * race. A look-up never changes the list (that takes the list's lock, which the admin API's edits
 * hold): a rule whose {@code times} are used up stays in it, skipped, until the admin side drops it
 * ({@link #list}, {@link #add}, {@link #remove}).
 */
public final class RuleSet {
    private static final Logger log = LoggerFactory.getLogger(RuleSet.class);

    /** Where a rule came from. */
    public enum Source { FILE, API }

    /** A rule with its id and counters, as {@code GET /rules} shows it. */
    public static final class Armed {
        private final long id;
        private final Rule rule;
        private final Source source;
        private final AtomicInteger remaining;
        private final AtomicLong matched = new AtomicLong();

        Armed(long id, Rule rule, Source source) {
            this.id = id;
            this.rule = rule;
            this.source = source;
            this.remaining = rule.times() == null ? null : new AtomicInteger(rule.times());
        }

        public long id() {
            return id;
        }

        public Rule rule() {
            return rule;
        }

        public Source source() {
            return source;
        }

        public long matched() {
            return matched.get();
        }

        /** Matches left before the rule expires, or null if it never does. */
        public Integer remaining() {
            return remaining == null ? null : remaining.get();
        }

        /**
         * Takes one use: the uses left after it ({@link Integer#MAX_VALUE} without {@code times}), or
         * -1 when another thread took the last one first.
         */
        int take() {
            int left = Integer.MAX_VALUE;
            if (remaining != null) {
                int n;
                do {
                    n = remaining.get();
                    if (n <= 0) {
                        return -1;
                    }
                } while (!remaining.compareAndSet(n, n - 1));
                left = n - 1;
            }
            matched.incrementAndGet();
            return left;
        }

        boolean spent() {
            return remaining != null && remaining.get() <= 0;
        }

        public String label() {
            return "rule " + id + (rule.name() == null ? "" : " '" + rule.name() + "'");
        }

        /** The JSON shape of {@code GET /rules}. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("id", id);
            m.put("source", source.name().toLowerCase());
            m.putAll(rule.describe());
            if (remaining != null) {
                m.put("remaining", remaining.get());
            }
            m.put("matched", matched.get());
            return m;
        }
    }

    /** A rule that matched a request. */
    public record Hit(Armed armed) {
        public Rule rule() {
            return armed.rule();
        }
    }

    private final CopyOnWriteArrayList<Armed> rules = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Supplier<List<Rule>> fileRules;

    /** A rule set holding {@code fileRules}' rules now and again after each {@link #reset}. */
    public RuleSet(Supplier<List<Rule>> fileRules) {
        this.fileRules = fileRules;
        reset();
    }

    public static RuleSet empty() {
        return new RuleSet(List::of);
    }

    /** The first rule matching the request whose {@code times} is not used up, having taken one use of it. */
    public Hit match(Request request) {
        for (Armed a : rules) {
            if (a.spent() || !a.rule().match().matches(request)) {
                continue;
            }
            int left = a.take();
            if (left >= 0) {
                if (left == 0) {
                    log.info("{} expired after {} match(es)", a.label(), a.matched());
                }
                return new Hit(a);
            }
        }
        return null;
    }

    /** Drops the rules whose {@code times} are used up (admin thread: the list's lock may be waited for here). */
    private void dropSpent() {
        rules.removeIf(Armed::spent);
    }

    /** Adds a run-time rule (tried before the file's rules, after earlier run-time ones). */
    public synchronized Armed add(Rule rule) {
        dropSpent();
        Armed a = new Armed(nextId.getAndIncrement(), rule, Source.API);
        int at = 0;
        while (at < rules.size() && rules.get(at).source() == Source.API) {
            at++;
        }
        rules.add(at, a);
        log.info("{} added: {} -> {}{}", a.label(), rule.match().describe(), rule.action().summary(),
                rule.times() == null ? "" : ", " + rule.times() + " time(s)");
        return a;
    }

    /** Removes a rule by id; false if there is none. */
    public synchronized boolean remove(long id) {
        dropSpent();
        boolean removed = rules.removeIf(a -> a.id() == id);
        if (removed) {
            log.info("rule {} removed", id);
        }
        return removed;
    }

    /** Removes every rule added at run time, keeping the file's; returns how many went. */
    public synchronized int removeAdded() {
        int before = rules.size();
        rules.removeIf(a -> a.source() == Source.API);
        return before - rules.size();
    }

    /** The rules in force, in the order they are tried (used-up ones are dropped here). */
    public synchronized List<Armed> list() {
        dropSpent();
        return new ArrayList<>(rules);
    }

    /** Back to the rule file's rules, with fresh counters; run-time rules are gone. */
    public synchronized void reset() {
        List<Armed> fresh = new ArrayList<>();
        for (Rule r : fileRules.get()) {
            fresh.add(new Armed(nextId.getAndIncrement(), r, Source.FILE));
        }
        rules.clear();
        rules.addAll(fresh);
    }
}
