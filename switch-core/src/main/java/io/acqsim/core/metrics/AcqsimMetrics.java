package io.acqsim.core.metrics;

import io.acqsim.core.ledger.LedgerStore;
import io.acqsim.core.rules.Action;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Every meter acqsim has, declared here and nowhere else, on one Prometheus registry that
 * {@code GET /metrics} scrapes. Tags are bounded by construction: dialect (one per listener), MTI
 * (the catalogue's, anything else is {@code other}), response code (two characters, else
 * {@code other}), transaction type and state (enums), fault action (the rule actions). Never a
 * PAN, STAN, terminal or merchant id.
 *
 * <p>The per-message meters are looked up without allocating: each listener gets a
 * {@link DialectMeters} whose maps are keyed by the MTI and code strings the message already has.
 */
public final class AcqsimMetrics {
    /** Requests decoded, by dialect and MTI. */
    public static final String MESSAGES_IN = "acqsim.messages.in";
    /** Responses written, by dialect, MTI and DE39. */
    public static final String MESSAGES_OUT = "acqsim.messages.out";
    /** Frames that did not decode, by dialect. */
    public static final String UNDECODABLE = "acqsim.messages.undecodable";
    /** Request decoded to response written, by dialect and request MTI. */
    public static final String LATENCY = "acqsim.processing.latency";
    /** TCP connections open now, by dialect. */
    public static final String CONNECTIONS_OPEN = "acqsim.connections.open";
    /** TCP connections accepted since start, by dialect. */
    public static final String CONNECTIONS_ACCEPTED = "acqsim.connections.accepted";
    /** Connections refused because the listener was at {@code limits.maxConnections}, by dialect. */
    public static final String CONNECTIONS_REFUSED = "acqsim.connections.refused";
    /** Connections whose reading is paused by backpressure now, by dialect. */
    public static final String CONNECTIONS_PAUSED = "acqsim.connections.paused";
    /** Requests received and not yet answered now, by dialect. */
    public static final String IN_FLIGHT = "acqsim.requests.inflight";
    /** Journaled transactions by type and current state (the ledger's own view; reset by POST /reset). */
    public static final String LEDGER_TRANSACTIONS = "acqsim.ledger.transactions";
    /** Sum of the amounts (minor units) of those transactions, by type and state. */
    public static final String LEDGER_AMOUNT = "acqsim.ledger.amount";
    /** Reversals remembered for originals the host never saw. */
    public static final String TOMBSTONES = "acqsim.ledger.tombstones";
    /** Transaction log lines dropped because the log writer could not keep up (the log never slows a listener). */
    public static final String TXLOG_DROPPED = "acqsim.txlog.dropped";
    /**
     * Memory ledger: requests whose ledger step found a stripe taken by another thread (two event
     * loops on one terminal or card, or an admin read) and was run in a later task of its event loop
     * rather than waited for.
     */
    public static final String LEDGER_DEFERRED = "acqsim.ledger.deferred";
    /** acqsim's own log lines dropped because the console could not keep up ({@link QueuedConsoleAppender}). */
    public static final String LOG_DROPPED = "acqsim.log.dropped";
    /**
     * PostgreSQL ledger ({@code ledger.store: postgresql}): how long a group commit's COMMIT takes.
     * The connection pool is metered by HikariCP itself as {@code hikaricp.connections.*} (active,
     * idle, pending, acquire, usage, timeout), tagged with the pool {@code acqsim-node-N}.
     */
    public static final String LEDGER_COMMIT_LATENCY = "acqsim.ledger.commit.latency";
    /** Units of work (messages) per group commit. */
    public static final String LEDGER_COMMIT_UNITS = "acqsim.ledger.commit.units";
    /** Group commits run again after a deadlock or serialization failure against another node. */
    public static final String LEDGER_COMMIT_RETRIES = "acqsim.ledger.commit.retries";
    /** Units the database could not take, by outcome: {@code not_applied} (answered 96), {@code unknown} (not answered). */
    public static final String LEDGER_COMMIT_FAILURES = "acqsim.ledger.commit.failures";
    /** Scripted faults (rules) that fired, by action. */
    public static final String FAULTS_FIRED = "acqsim.faults.fired";
    /** STANs a terminal reused for a different transaction inside the duplicate window, by dialect. */
    public static final String STAN_REUSES = "acqsim.terminals.stan.reuses";
    /** Transactions declined by {@code session.requireSignOn}, by dialect and reason ({@code not_signed_on}, {@code batch_mismatch}). */
    public static final String SESSION_DECLINED = "acqsim.terminals.session.declined";
    /** TLS handshakes that failed (plain TCP or junk to a TLS listener, untrusted or expired certificates), by dialect. */
    public static final String TLS_HANDSHAKE_FAILURES = "acqsim.tls.handshake.failures";
    /**
     * Responses written for processed transactions (posted, when approved) still queued for the
     * socket when acqsim closed their connection (limits.writeTimeout), by dialect and DE39: what
     * a slow client cost.
     */
    public static final String RESPONSES_UNDELIVERED = "acqsim.responses.undelivered";
    /** Connections closed because the peer took none of its queued responses for {@code limits.writeTimeout}, by dialect. */
    public static final String WRITE_TIMEOUTS = "acqsim.connections.write.timeouts";
    /** Admin API connections refused at {@code admin.maxConnections}. */
    public static final String ADMIN_REFUSED = "acqsim.admin.connections.refused";
    /** Admin API connections closed because a request did not arrive in full within {@code admin.requestTimeout}. */
    public static final String ADMIN_TIMED_OUT = "acqsim.admin.requests.timedout";

    /** Whether a connect-out link is up now (1) or not (0), by link. */
    public static final String LINK_UP = "acqsim.links.up";
    /** State changes of connect-out links, by link and the state entered. */
    public static final String LINK_TRANSITIONS = "acqsim.links.transitions";
    /** Echo tests on connect-out links, by link and result ({@code sent}, {@code answered}, {@code missed}). */
    public static final String LINK_ECHOES = "acqsim.links.echoes";
    /** Attempts to dial a link's partner that failed (refused, unreachable, timed out), by link. */
    public static final String LINK_CONNECT_FAILURES = "acqsim.links.connect.failures";

    /** The MTIs of PROTOCOL.md §2 and their responses; any other MTI is counted as {@code other}. */
    private static final Set<String> KNOWN_MTIS = Set.of(
            "0100", "0101", "0110", "0120", "0121", "0130", "0200", "0201", "0210", "0220", "0221", "0230",
            "0320", "0321", "0330", "0400", "0401", "0410", "0420", "0421", "0430", "0500", "0501", "0510",
            "0520", "0530", "0800", "0810", "0820", "0830");
    private static final double[] PERCENTILES = {0.5, 0.9, 0.99, 0.999};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, DialectMeters> dialects = new ConcurrentHashMap<>();
    private final Map<String, Counter> faults = new ConcurrentHashMap<>();
    private final MultiGauge ledgerCounts;
    private final MultiGauge ledgerAmounts;
    private final Counter adminRefused;
    private final Counter adminTimedOut;
    private volatile LedgerStore ledger;
    private volatile long tombstones;

    public AcqsimMetrics() {
        ledgerCounts = MultiGauge.builder(LEDGER_TRANSACTIONS)
                .description("journaled transactions by type and current state").register(registry);
        ledgerAmounts = MultiGauge.builder(LEDGER_AMOUNT)
                .description("sum of the amounts (minor units) of journaled transactions by type and state").register(registry);
        Gauge.builder(TOMBSTONES, this, m -> m.tombstones)
                .description("reversals remembered for originals the host never saw").register(registry);
        FunctionCounter.builder(TXLOG_DROPPED, this, m -> TransactionLog.dropped())
                .description("transaction log lines dropped because the log writer could not keep up").register(registry);
        FunctionCounter.builder(LOG_DROPPED, this, m -> QueuedConsoleAppender.dropped())
                .description("log lines dropped because the console could not keep up").register(registry);
        FunctionCounter.builder(LEDGER_DEFERRED, this, m -> {
                    LedgerStore l = m.ledger;
                    return l == null ? 0 : l.deferredUnits();
                })
                .description("ledger steps run in a later task of their event loop because a stripe was taken")
                .register(registry);
        adminRefused = Counter.builder(ADMIN_REFUSED)
                .description("admin API connections refused at admin.maxConnections").register(registry);
        adminTimedOut = Counter.builder(ADMIN_TIMED_OUT)
                .description("admin API requests not complete within admin.requestTimeout").register(registry);
    }

    /** An admin connection refused because {@code admin.maxConnections} were open. */
    public void adminRefused() {
        adminRefused.increment();
    }

    /** An admin connection closed because its request did not arrive in full in time. */
    public void adminTimedOut() {
        adminTimedOut.increment();
    }

    /** The registry behind {@code GET /metrics}, for tests and benchmarks that read it; new meters are declared here. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The meters of one dialect's listeners. */
    public DialectMeters dialect(String dialect) {
        return dialects.computeIfAbsent(dialect, DialectMeters::new);
    }

    /**
     * Counts a rule that matched a request, by what it does: its fault ({@code drop_request},
     * {@code drop_response}, {@code close}, {@code corrupt_mac}, {@code garbage}), else
     * {@code late} or {@code delay}, else {@code respond}.
     */
    public void ruleFired(Action action) {
        String kind;
        if (action.fault() != Action.Fault.NONE) {
            kind = action.fault().name().toLowerCase(Locale.ROOT);
        } else if (action.late()) {
            kind = "late";
        } else if (action.delay() != null && !action.delay().isZero()) {
            kind = "delay";
        } else {
            kind = "respond";
        }
        faultFired(kind);
    }

    /** Counts a scripted fault that fired; {@code action} is one of a fixed set of kinds. */
    private void faultFired(String action) {
        Counter c = faults.get(action);
        if (c == null) {
            c = faults.computeIfAbsent(action, a -> Counter.builder(FAULTS_FIRED).tag("action", a)
                    .description("scripted faults that fired").register(registry));
        }
        c.increment();
    }

    /** Counts a terminal reusing a STAN for a different transaction inside the duplicate window. */
    public void stanReused(String dialect) {
        counter(STAN_REUSES, "STANs reused for a different transaction inside the duplicate window",
                "dialect", dialect).increment();
    }

    /** Counts a transaction declined for want of a sign-on; {@code reason} is one of two fixed words. */
    public void sessionDeclined(String dialect, String reason) {
        counter(SESSION_DECLINED, "transactions declined by session.requireSignOn",
                "dialect", dialect, "reason", reason).increment();
    }

    /**
     * The meters of one connect-out link (the link names come from the configuration, so the tag
     * is bounded). {@code up} is read at each scrape.
     */
    public LinkMeters link(String name, java.util.function.BooleanSupplier up) {
        Gauge.builder(LINK_UP, up, u -> u.getAsBoolean() ? 1 : 0).tag("link", name).strongReference(true)
                .description("whether the connect-out link is up").register(registry);
        return new LinkMeters(name);
    }

    /** State changes, echoes and failed dials of one link (rare events). */
    public final class LinkMeters {
        private final String link;

        private LinkMeters(String link) {
            this.link = link;
        }

        /** Counts the link entering {@code state} (a {@code LinkState} name, lower case). */
        public void entered(String state) {
            counter(LINK_TRANSITIONS, "state changes of connect-out links", "link", link, "state", state).increment();
        }

        /** Counts an echo test: {@code sent}, {@code answered} or {@code missed}. */
        public void echo(String result) {
            counter(LINK_ECHOES, "echo tests on connect-out links", "link", link, "result", result).increment();
        }

        public void connectFailed() {
            counter(LINK_CONNECT_FAILURES, "failed attempts to dial a link's partner", "link", link).increment();
        }
    }

    /** A counter of this registry, found or registered (rare events: the registry's own lookup is fine). */
    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).tags(tags).description(description).register(registry);
    }

    /** The ledger whose totals the {@code acqsim.ledger.*} gauges show, read at each scrape. */
    public void watch(LedgerStore ledger) {
        this.ledger = ledger;
    }

    /** Prometheus text exposition of every meter, ledger totals read now (one scrape at a time). */
    public synchronized String scrape() {
        refreshLedger();
        return registry.scrape();
    }

    private void refreshLedger() {
        LedgerStore l = ledger;
        if (l == null) {
            return;
        }
        LedgerTotals totals = LedgerTotals.of(l);
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        List<MultiGauge.Row<?>> amounts = new ArrayList<>();
        totals.forEach((type, state, count, amount) -> {
            Tags tags = Tags.of("type", type, "state", state);
            counts.add(MultiGauge.Row.of(tags, count));
            amounts.add(MultiGauge.Row.of(tags, amount));
        });
        ledgerCounts.register(counts, true);
        ledgerAmounts.register(amounts, true);
        tombstones = totals.tombstones();
    }

    static String mtiTag(String mti) {
        return mti != null && KNOWN_MTIS.contains(mti) ? mti : "other";
    }

    static String codeTag(String code) {
        if (code == null) {
            return "none";
        }
        if (code.length() != 2) {
            return "other";
        }
        for (int i = 0; i < 2; i++) {
            char c = code.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) {
                return "other";
            }
        }
        return code;
    }

    /** What a listener counts itself (its connection-limit and backpressure handlers), read when scraped. */
    public record ListenerGauges(LongSupplier refused, LongSupplier paused, LongSupplier inFlight) {
    }

    /** The per-message meters of one dialect. Safe to use from every event loop. */
    public final class DialectMeters {
        private final String dialect;
        private final Map<String, Counter> in = new ConcurrentHashMap<>();
        private final Map<String, Map<String, Counter>> out = new ConcurrentHashMap<>();
        private final Map<String, Timer> latency = new ConcurrentHashMap<>();
        private final Counter undecodable;
        private final Counter accepted;
        private final Counter tlsFailures;
        private final Counter writeTimeouts;
        private final Map<String, Counter> undelivered = new ConcurrentHashMap<>();
        private final AtomicInteger open = new AtomicInteger();
        private final List<ListenerGauges> listeners = new CopyOnWriteArrayList<>();

        private DialectMeters(String dialect) {
            this.dialect = dialect;
            this.undecodable = Counter.builder(UNDECODABLE).tag("dialect", dialect)
                    .description("frames that did not decode").register(registry);
            counter(STAN_REUSES, "STANs reused for a different transaction inside the duplicate window",
                    "dialect", dialect); // scraped as 0 before the first reuse
            this.accepted = Counter.builder(CONNECTIONS_ACCEPTED).tag("dialect", dialect)
                    .description("TCP connections accepted").register(registry);
            this.tlsFailures = Counter.builder(TLS_HANDSHAKE_FAILURES).tag("dialect", dialect)
                    .description("TLS handshakes that failed").register(registry);
            this.writeTimeouts = Counter.builder(WRITE_TIMEOUTS).tag("dialect", dialect)
                    .description("connections closed at limits.writeTimeout").register(registry);
            Gauge.builder(CONNECTIONS_OPEN, open, AtomicInteger::get).tag("dialect", dialect)
                    .description("TCP connections open").register(registry);
            FunctionCounter.builder(CONNECTIONS_REFUSED, listeners, ls -> sum(ls, ListenerGauges::refused))
                    .tag("dialect", dialect).description("connections refused at limits.maxConnections")
                    .register(registry);
            Gauge.builder(CONNECTIONS_PAUSED, listeners, ls -> sum(ls, ListenerGauges::paused))
                    .tag("dialect", dialect).description("connections with reading paused by backpressure")
                    .register(registry);
            Gauge.builder(IN_FLIGHT, listeners, ls -> sum(ls, ListenerGauges::inFlight))
                    .tag("dialect", dialect).description("requests received and not yet answered")
                    .register(registry);
        }

        /**
         * Adds a listener's own counts (kept by its connection-limit and backpressure handlers)
         * to this dialect's gauges; several listeners of one dialect add up.
         */
        public void watch(ListenerGauges listener) {
            listeners.add(listener);
        }

        private static double sum(List<ListenerGauges> ls, Function<ListenerGauges, LongSupplier> which) {
            long n = 0;
            for (ListenerGauges l : ls) {
                n += which.apply(l).getAsLong();
            }
            return n;
        }

        public void received(String mti) {
            String m = mtiTag(mti);
            Counter c = in.get(m);
            if (c == null) {
                c = in.computeIfAbsent(m, x -> Counter.builder(MESSAGES_IN)
                        .tags("dialect", dialect, "mti", x).description("requests decoded")
                        .register(registry));
            }
            c.increment();
        }

        public void sent(String mti, String code) {
            String m = mtiTag(mti);
            String k = codeTag(code);
            Map<String, Counter> byCode = out.get(m);
            if (byCode == null) {
                byCode = out.computeIfAbsent(m, x -> new ConcurrentHashMap<>());
            }
            Counter c = byCode.get(k);
            if (c == null) {
                c = byCode.computeIfAbsent(k, x -> Counter.builder(MESSAGES_OUT)
                        .tags("dialect", dialect, "mti", m, "code", x)
                        .description("responses written").register(registry));
            }
            c.increment();
        }

        /** Records the time from a request's decoding to its response's write, in nanoseconds. */
        public void latency(String requestMti, long nanos) {
            String m = mtiTag(requestMti);
            Timer t = latency.get(m);
            if (t == null) {
                t = latency.computeIfAbsent(m, x -> Timer.builder(LATENCY)
                        .tags("dialect", dialect, "mti", x)
                        .description("request decoded to response written")
                        .publishPercentiles(PERCENTILES)
                        .distributionStatisticExpiry(Duration.ofMinutes(1))
                        .register(registry));
            }
            t.record(nanos, TimeUnit.NANOSECONDS);
        }

        public void undecodable() {
            undecodable.increment();
        }

        public void tlsHandshakeFailed() {
            tlsFailures.increment();
        }

        public void writeTimedOut() {
            writeTimeouts.increment();
        }

        /** A response (DE39 {@code code}) whose write failed: its connection closed before it was sent. */
        public void undelivered(String code) {
            String k = codeTag(code);
            Counter c = undelivered.get(k);
            if (c == null) {
                c = undelivered.computeIfAbsent(k, x -> Counter.builder(RESPONSES_UNDELIVERED)
                        .tags("dialect", dialect, "code", x)
                        .description("responses of processed transactions that never reached the peer")
                        .register(registry));
            }
            c.increment();
        }

        public void connectionOpened() {
            accepted.increment();
            open.incrementAndGet();
        }

        public void connectionClosed() {
            open.decrementAndGet();
        }
    }
}
