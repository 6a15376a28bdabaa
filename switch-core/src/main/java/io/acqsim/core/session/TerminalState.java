package io.acqsim.core.session;

import io.acqsim.codec.field.Masking;
import io.acqsim.codec.layout.MessageView;
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
    private Slot[] recent;
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
        long de7 = Transmission.number(u.de7());
        return use(u.stan(), u.batch(), u.mti(), u.type(), de7, de7 == Transmission.TEXT ? u.de7() : null,
                u.amount(), u.pan(), u.time(), windowMillis);
    }

    /**
     * {@link #use(Use, long)} without a {@link Use}: the terminal's ring keeps {@value #RECENT}
     * slots it fills in place, and a {@link Use} is made only for the two sides of a reuse found.
     *
     * @param de7     DE7 as a number ({@link Transmission#number}), or {@link Transmission#NONE}
     * @param de7Text DE7 when it is not a number ({@link Transmission#TEXT}), else null
     */
    synchronized StanReuse use(String stan, String batch, String mti, TxType type, long de7, String de7Text,
                               long amount, String pan, long time, long windowMillis) {
        if (recent == null) {
            recent = new Slot[RECENT];
            for (int i = 0; i < RECENT; i++) {
                recent[i] = new Slot();
            }
        }
        Slot found = null;
        for (Slot earlier : recent) {
            if (earlier.stan != null && earlier.stan.equals(stan) && Objects.equals(earlier.batch, batch)
                    && time - earlier.time <= windowMillis
                    && !earlier.sameAs(type, amount, de7, de7Text, pan, mti)) {
                if (found == null || earlier.time > found.time) {
                    found = earlier;
                }
            }
        }
        StanReuse reuse = null;
        if (found != null) {
            reuse = new StanReuse(found.use(), new Use(stan, batch, mti, type, Transmission.text(de7, de7Text),
                    amount, pan, time));
            reuses++;
            reuseLog.addLast(reuse);
            if (reuseLog.size() > REUSES_KEPT) {
                reuseLog.removeFirst();
            }
        }
        recent[next].fill(stan, batch, mti, type, de7, de7Text, amount, pan, time);
        next = (next + 1) % RECENT;
        return reuse;
    }

    /** One of the ring's remembered transactions, overwritten in place: a {@link Use} without the object. */
    private static final class Slot {
        String stan;
        String batch;
        String mti;
        TxType type;
        long de7;
        String de7Text;
        long amount;
        String pan;
        long time;

        void fill(String stan, String batch, String mti, TxType type, long de7, String de7Text, long amount,
                  String pan, long time) {
            this.stan = stan;
            this.batch = batch;
            this.mti = mti;
            this.type = type;
            this.de7 = de7;
            this.de7Text = de7Text;
            this.amount = amount;
            this.pan = pan;
            this.time = time;
        }

        /** As {@link Use#sameAs}. */
        boolean sameAs(TxType otherType, long otherAmount, long otherDe7, String otherDe7Text, String otherPan,
                       String otherMti) {
            return type == otherType && amount == otherAmount && de7 == otherDe7 && Objects.equals(de7Text, otherDe7Text)
                    && Objects.equals(pan, otherPan) && mti.regionMatches(0, otherMti, 0, 3);
        }

        Use use() {
            return new Use(stan, batch, mti, type, Transmission.text(de7, de7Text), amount, pan, time);
        }
    }

    /**
     * DE7 (transmission date and time, ten digits) kept as a number with its digit count, so that
     * remembering it makes no String; anything else is kept as text.
     */
    static final class Transmission {
        /** No DE7. */
        static final long NONE = -1;
        /** DE7 is not plain digits (or longer than {@value #MAX_DIGITS}): its text is kept. */
        static final long TEXT = -2;
        /** Digits that fit beside their count in one long. */
        static final int MAX_DIGITS = 16;

        private Transmission() {
        }

        /** Digits and their count in one long (count in the top byte), {@link #NONE} or {@link #TEXT}. */
        static long number(String de7) {
            if (de7 == null) {
                return NONE;
            }
            if (de7.isEmpty() || de7.length() > MAX_DIGITS) {
                return TEXT;
            }
            long v = 0;
            for (int i = 0; i < de7.length(); i++) {
                char c = de7.charAt(i);
                if (c < '0' || c > '9') {
                    return TEXT;
                }
                v = v * 10 + (c - '0');
            }
            return pack(v, de7.length());
        }

        /** DE7 of a message as {@link #number(String)} gives it, read without making a String. */
        static long of(MessageView m) {
            int digits = m.length(7);
            if (digits < 0) {
                return NONE;
            }
            if (digits == 0 || digits > MAX_DIGITS) {
                return TEXT;
            }
            try {
                return pack(m.number(7), digits);
            } catch (NumberFormatException notDigits) {
                return TEXT;
            }
        }

        private static long pack(long value, int digits) {
            return ((long) digits << 56) | value;
        }

        static String text(long de7, String text) {
            if (de7 == TEXT) {
                return text;
            }
            if (de7 == NONE) {
                return null;
            }
            int digits = (int) (de7 >>> 56);
            long v = de7 & ((1L << 56) - 1);
            char[] c = new char[digits];
            for (int i = digits - 1; i >= 0; i--) {
                c[i] = (char) ('0' + v % 10);
                v /= 10;
            }
            return new String(c);
        }
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
