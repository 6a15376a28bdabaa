package io.acqsim.core.session;

import io.acqsim.core.config.SessionConfig;
import io.acqsim.core.flow.Request;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.acqsim.core.routing.TxType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every terminal's session (PROTOCOL.md §9): sign-on gating, CUP batch checks and STAN reuse.
 * Terminals live in a {@link ConcurrentHashMap} keyed by DE41; a {@link TerminalState} takes no
 * monitor and never makes an event loop wait, even for another one carrying the same terminal.
 * The ledger is never consulted or changed here: a decline for want of a sign-on is answered before
 * the ledger sees the request, and a STAN reuse is only reported.
 */
public final class TerminalSessions {
    private static final Logger log = LoggerFactory.getLogger(TerminalSessions.class);

    /** How many terminals get a session; a peer inventing terminal ids cannot grow the map beyond it. */
    static final int MAX_TERMINALS = 100_000;

    private final ConcurrentHashMap<String, TerminalState> terminals = new ConcurrentHashMap<>();
    private volatile boolean full;
    private final boolean requireSignOn;
    private final String notSignedOn;
    private final long windowMillis;
    private final Clock clock;
    private final AcqsimMetrics metrics;
    private final TerminalState.Reporter reporter = this::reportReuse;

    /**
     * @param duplicateWindow how long a STAN counts as in use (the duplicate window of §3)
     */
    public TerminalSessions(SessionConfig config, Duration duplicateWindow, Clock clock, AcqsimMetrics metrics) {
        this.requireSignOn = config.requireSignOn();
        this.notSignedOn = config.notSignedOn();
        this.windowMillis = duplicateWindow.toMillis();
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Sessions that gate nothing and meter nothing (processors built outside a server). */
    public static TerminalSessions none() {
        return new TerminalSessions(new SessionConfig(false, null), Duration.ZERO, Clock.systemUTC(), null);
    }

    /** The decline code for a terminal that has not signed on: configured, else 58 (ISO) or A7 (CUP). */
    public String notSignedOnCode(boolean cup) {
        return notSignedOn != null ? notSignedOn : cup ? "A7" : "58";
    }

    /** The terminal's state, created on first sight; null once {@value #MAX_TERMINALS} are tracked. */
    private TerminalState terminal(String tid) {
        TerminalState t = terminals.get(tid);
        if (t != null) {
            return t;
        }
        if (terminals.size() >= MAX_TERMINALS) {
            if (!full) {
                full = true;
                log.warn("{} terminals tracked: terminal {} and any newer ones get no session (no sign-on gating, "
                        + "no STAN reuse check) until POST /reset", MAX_TERMINALS, tid);
            }
            return null;
        }
        return terminals.computeIfAbsent(tid, TerminalState::new);
    }

    /**
     * Notes a routed request before the ledger sees it; returns the response code to decline it
     * with (not signed on, or a CUP batch other than the session's), or null to let it through.
     */
    public String admit(Request r) {
        String tid = r.terminal();
        if (tid == null || tid.isEmpty()) {
            return null;
        }
        TerminalState t = terminal(tid);
        if (t == null) {
            return null;
        }
        long now = clock.millis();
        boolean cup = r.dialect().hasCupHeader();
        t.seen(now, r.dialect().name(), r.merchant(), r.stan(), r.mti());
        if (!r.type().isOriginal()) {
            return null;
        }
        String batch = cup ? batchOf(r) : null;
        if (requireSignOn) {
            String refusal = refusal(t, batch);
            if (refusal != null) {
                String code = notSignedOnCode(cup);
                log.info("{} terminal {}: {} {} STAN {} declined {}: {}", r.dialect().name(), tid, r.mti(), r.type(),
                        r.stan(), code, refusal);
                if (metrics != null) {
                    metrics.sessionDeclined(r.dialect().name(), refusal.startsWith("not") ? "not_signed_on"
                            : "batch_mismatch");
                }
                return code;
            }
        }
        if (r.stan() != null) {
            long de7 = TerminalState.Transmission.of(r.view());
            t.use(r.dialect().name(), r.stan(), batch, r.mti(), r.type(), de7,
                    de7 == TerminalState.Transmission.TEXT ? r.field(7) : null, Math.max(r.amount(), 0), r.pan(), now,
                    windowMillis, reporter);
        }
        return null;
    }

    /**
     * Logs and counts a STAN reuse; called by whichever thread checked the use (its own event loop,
     * or the one holding the terminal's ring when it came in).
     */
    private void reportReuse(String dialect, String tid, TerminalState.StanReuse reuse, long window) {
        log.warn("{} terminal {}: STAN {} reused for a different transaction within {} ms: first {}; now {}",
                dialect, tid, reuse.second().stan(), window, reuse.first(), reuse.second());
        if (metrics != null) {
            metrics.stanReused(dialect);
        }
    }

    /** How a STAN reuse is reported (package-private for tests that hold a terminal's ring). */
    TerminalState.Reporter reporter() {
        return reporter;
    }

    /** The terminal's state if the host has heard from it (tests). */
    TerminalState state(String tid) {
        return terminals.get(tid);
    }

    private static String refusal(TerminalState t, String batch) {
        if (!t.signedOn()) {
            return "not signed on";
        }
        String session = t.batch();
        if (batch != null && session != null && !batch.equals(session)) {
            return "batch " + batch + " is not the batch " + session + " of its sign-on";
        }
        return null;
    }

    /** Notes the answer to a request: an approved sign-on starts the session, a sign-off ends it. */
    public void answered(Request r, String code) {
        String tid = r.terminal();
        if (tid == null || tid.isEmpty() || !"00".equals(code)) {
            return;
        }
        boolean cup = r.dialect().hasCupHeader();
        if (r.type() == TxType.NETWORK) {
            NetworkFunction f = NetworkFunction.of(r.mti(), r.field(24), cup ? r.field(60) : null,
                    cup ? null : r.field(70));
            long now = clock.millis();
            TerminalState t = terminal(tid);
            if (t == null) {
                return;
            }
            if (f == NetworkFunction.SIGN_ON) {
                String batch = cup ? batchOf(r) : null;
                t.signOn(now, batch);
                log.info("{} terminal {} signed on{}", r.dialect().name(), tid, batch == null ? "" : " in batch " + batch);
            } else if (f == NetworkFunction.SIGN_OFF) {
                t.signOff(now);
                log.info("{} terminal {} signed off", r.dialect().name(), tid);
            }
        } else if (r.type() == TxType.SETTLEMENT && cup) {
            TerminalState t = terminals.get(tid);
            if (t != null) {
                t.settled(batchOf(r));
            }
        }
    }

    /** Notes the connection a terminal's message came in on (listener and peer address). */
    public void connection(String tid, String label) {
        if (tid != null && !tid.isEmpty()) {
            TerminalState t = terminal(tid);
            if (t != null) {
                t.connection(label);
            }
        }
    }

    /** CUP 60.2, the batch: characters 2 to 8 of DE60 (a shared String, batch numbers repeat); null without. */
    private static String batchOf(Request r) {
        return r.view().shared(60, 2, 8);
    }

    /** One terminal's session, or null if the host has not heard from it. */
    public Map<String, Object> describe(String tid) {
        TerminalState t = terminals.get(tid);
        return t == null ? null : t.describe();
    }

    /** The first {@code limit} terminals the host has heard from, by terminal id. */
    public List<Map<String, Object>> list(int limit) {
        TreeMap<String, TerminalState> sorted = new TreeMap<>(terminals);
        List<Map<String, Object>> out = new ArrayList<>(Math.min(limit, sorted.size()));
        for (TerminalState t : sorted.values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(t.describe());
        }
        return out;
    }

    /** Forgets every terminal ({@code POST /reset}: the host as if just started). */
    public void reset() {
        terminals.clear();
        full = false;
    }
}
