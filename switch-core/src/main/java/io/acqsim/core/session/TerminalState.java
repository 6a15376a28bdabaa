package io.acqsim.core.session;

import io.acqsim.codec.field.Masking;
import io.acqsim.core.routing.TxType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One terminal's session as the host sees it: signed on or not, its batch, the STANs of its
 * recent transactions and the reuses found among them. Each terminal is its own monitor, held
 * for a few field writes: two event loops only meet here when they carry the same terminal.
 * The connection is written by the connection tap without the monitor (a volatile).
 */
final class TerminalState {
    /** How many of a terminal's newest transactions a STAN reuse is looked for among. */
    static final int RECENT = 32;
    /** How many STAN reuses a terminal lists (the count goes on). */
    static final int REUSES_KEPT = 20;

    /** One transaction as the STAN check remembers it: enough to tell it apart and to log it masked. */
    record Use(String stan, String batch, String mti, TxType type, String de7, long amount, String pan, long time) {
        /** The same transaction sent again (a duplicate or a repeat), as opposed to another one. */
        boolean sameAs(Use o) {
            return type == o.type && amount == o.amount && Objects.equals(de7, o.de7) && Objects.equals(pan, o.pan)
                    && mti.regionMatches(0, o.mti, 0, 3);
        }

        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mti", mti);
            m.put("type", type.name());
            m.put("stan", stan);
            if (batch != null) {
                m.put("batch", batch);
            }
            if (de7 != null) {
                m.put("transmission", de7);
            }
            m.put("amount", amount);
            m.put("pan", Masking.pan(pan));
            m.put("time", Instant.ofEpochMilli(time).toString());
            return m;
        }

        @Override
        public String toString() {
            return mti + " " + type + " " + Masking.pan(pan) + " amount " + amount
                    + (de7 == null ? "" : " DE7 " + de7) + (batch == null ? "" : " batch " + batch)
                    + " at " + Instant.ofEpochMilli(time);
        }
    }

    /** A STAN used again, inside the duplicate window, for a different transaction. */
    record StanReuse(Use first, Use second) {
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stan", second.stan());
            m.put("first", first.describe());
            m.put("second", second.describe());
            return m;
        }
    }

    final String tid;
    private volatile String connection;
    private String merchant;
    private String dialect;
    private boolean signedOn;
    private long signedOnAt = -1;
    private long signedOffAt = -1;
    private String batch;
    private String lastStan;
    private String lastMti;
    private long lastSeen = -1;
    private long reuses;
    private final ArrayDeque<StanReuse> reuseLog = new ArrayDeque<>();
    private Use[] recent;
    private int next;

    TerminalState(String tid) {
        this.tid = tid;
    }

    void connection(String label) {
        this.connection = label;
    }

    synchronized void seen(long now, String dialectName, String merchantId, String stan, String mti) {
        lastSeen = now;
        dialect = dialectName;
        if (merchantId != null) {
            merchant = merchantId;
        }
        if (stan != null) {
            lastStan = stan;
        }
        lastMti = mti;
    }

    synchronized void signOn(long now, String newBatch) {
        signedOn = true;
        signedOnAt = now;
        if (newBatch != null) {
            batch = newBatch;
        }
    }

    synchronized void signOff(long now) {
        signedOn = false;
        signedOffAt = now;
    }

    synchronized boolean signedOn() {
        return signedOn;
    }

    /** The batch the terminal signed on with (CUP), moved on by its settlements; null if none. */
    synchronized String batch() {
        return batch;
    }

    /** After a settlement of {@code settled}, the terminal goes on in the next batch. */
    synchronized void settled(String settled) {
        if (settled != null && settled.equals(batch)) {
            batch = nextBatch(settled);
        }
    }

    static String nextBatch(String b) {
        long n = (Long.parseLong(b) + 1) % 1_000_000L;
        String s = Long.toString(n);
        return "000000".substring(s.length()) + s;
    }

    /**
     * Remembers a transaction; returns the reuse it makes of a STAN a different transaction of
     * the last {@value #RECENT} used within {@code windowMillis}, or null.
     */
    synchronized StanReuse use(Use u, long windowMillis) {
        if (recent == null) {
            recent = new Use[RECENT];
        }
        StanReuse found = null;
        for (Use earlier : recent) {
            if (earlier != null && earlier.stan().equals(u.stan()) && Objects.equals(earlier.batch(), u.batch())
                    && u.time() - earlier.time() <= windowMillis && !earlier.sameAs(u)) {
                if (found == null || earlier.time() > found.first().time()) {
                    found = new StanReuse(earlier, u);
                }
            }
        }
        if (found != null) {
            reuses++;
            reuseLog.addLast(found);
            if (reuseLog.size() > REUSES_KEPT) {
                reuseLog.removeFirst();
            }
        }
        recent[next] = u;
        next = (next + 1) % RECENT;
        return found;
    }

    synchronized Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("terminal", tid);
        m.put("merchant", merchant);
        m.put("dialect", dialect);
        m.put("connection", connection);
        m.put("signedOn", signedOn);
        m.put("signedOnAt", time(signedOnAt));
        m.put("signedOffAt", time(signedOffAt));
        m.put("batch", batch);
        m.put("lastStan", lastStan);
        m.put("lastMti", lastMti);
        m.put("lastSeen", time(lastSeen));
        m.put("stanReuses", reuses);
        List<Map<String, Object>> list = new ArrayList<>();
        for (StanReuse r : reuseLog) {
            list.add(r.describe());
        }
        m.put("reuses", list);
        return m;
    }

    private static String time(long millis) {
        return millis < 0 ? null : Instant.ofEpochMilli(millis).toString();
    }
}
