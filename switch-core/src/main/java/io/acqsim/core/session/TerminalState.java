package io.acqsim.core.session;

import io.acqsim.codec.field.Masking;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.core.routing.TxType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One terminal's session as the host sees it: signed on or not, its batch, the STANs of its
 * recent transactions and the reuses found among them. Two event loops meet here when they carry
 * the same terminal, and neither ever waits for the other: what was seen last is a set of volatile
 * fields (the last writer wins), the sign-on state is an immutable {@link Session} swapped by
 * compare-and-set, and the STAN ring is checked by whichever thread wins its try-lock; a thread that
 * finds the ring busy hands its use to the holder through a lock-free queue and goes on. The admin
 * thread reads published snapshots and takes no lock either.
 */
final class TerminalState {
    /** How many of a terminal's newest transactions a STAN reuse is looked for among. */
    static final int RECENT = 32;
    /** How many STAN reuses a terminal lists (the count goes on). */
    static final int REUSES_KEPT = 20;

    /** Told of every STAN reuse, by whichever thread checked the use (the one that sent it, or the ring's holder). */
    @FunctionalInterface
    interface Reporter {
        /** Reports nothing (tests that read the returned reuse). */
        Reporter NONE = (dialect, tid, reuse, windowMillis) -> { };

        void reused(String dialect, String tid, StanReuse reuse, long windowMillis);
    }

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

    /** The sign-on state, replaced whole on sign-on, sign-off and settlement (never on a plain message). */
    private record Session(boolean signedOn, long signedOnAt, long signedOffAt, String batch) {
        static final Session NEW = new Session(false, -1, -1, null);
    }

    /** The reuses found so far: their count and the newest {@value #REUSES_KEPT}, published whole. */
    private record Reuses(long count, List<StanReuse> newest) {
        static final Reuses NONE = new Reuses(0, List.of());

        Reuses plus(StanReuse r) {
            List<StanReuse> list = new ArrayList<>(Math.min(newest.size() + 1, REUSES_KEPT));
            for (int i = newest.size() >= REUSES_KEPT ? 1 : 0; i < newest.size(); i++) {
                list.add(newest.get(i));
            }
            list.add(r);
            return new Reuses(count + 1, List.copyOf(list));
        }
    }

    /** A use handed to the ring's holder by a thread that found the ring busy (the rare case: it allocates). */
    private record Handed(String dialect, Use use, long windowMillis) {
    }

    final String tid;
    private volatile String connection;
    private volatile String merchant;
    private volatile String dialect;
    private volatile String lastStan;
    private volatile String lastMti;
    private volatile long lastSeen = -1;
    private final AtomicReference<Session> session = new AtomicReference<>(Session.NEW);
    /** Written only by the ring's holder; read by anyone. */
    private volatile Reuses reuses = Reuses.NONE;
    /** The ring's try-lock: whoever sets it checks and fills the ring; nobody ever waits for it. */
    private final AtomicBoolean ringHeld = new AtomicBoolean();
    /** Uses whose sender found the ring busy; the holder checks them before it lets go. */
    private final Queue<Handed> handed = new ConcurrentLinkedQueue<>();
    /** Guarded by {@link #ringHeld}. */
    private Slot[] recent;
    /** {@code recent[i].stan.hashCode()}, side by side for the scan. */
    private int[] stanHashes;
    /** Guarded by {@link #ringHeld}. */
    private int next;

    TerminalState(String tid) {
        this.tid = tid;
    }

    void connection(String label) {
        this.connection = label;
    }

    /** What the terminal sent last; two event loops writing at once leave one or the other's, both true. */
    void seen(long now, String dialectName, String merchantId, String stan, String mti) {
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

    void signOn(long now, String newBatch) {
        Session s;
        Session signedOn;
        do {
            s = session.get();
            signedOn = new Session(true, now, s.signedOffAt(), newBatch != null ? newBatch : s.batch());
        } while (!session.compareAndSet(s, signedOn));
    }

    void signOff(long now) {
        Session s;
        Session signedOff;
        do {
            s = session.get();
            signedOff = new Session(false, s.signedOnAt(), now, s.batch());
        } while (!session.compareAndSet(s, signedOff));
    }

    boolean signedOn() {
        return session.get().signedOn();
    }

    /** The batch the terminal signed on with (CUP), moved on by its settlements; null if none. */
    String batch() {
        return session.get().batch();
    }

    /** After a settlement of {@code settled}, the terminal goes on in the next batch (if it is still in that one). */
    void settled(String settled) {
        if (settled == null) {
            return;
        }
        Session s;
        do {
            s = session.get();
            if (!settled.equals(s.batch())) {
                return;
            }
        } while (!session.compareAndSet(s, new Session(s.signedOn(), s.signedOnAt(), s.signedOffAt(),
                nextBatch(settled))));
    }

    static String nextBatch(String b) {
        long n = (Long.parseLong(b) + 1) % 1_000_000L;
        String s = Long.toString(n);
        return "000000".substring(s.length()) + s;
    }

    /**
     * Remembers a transaction as {@link #use(String, String, String, String, TxType, long, String, long, String,
     * long, long, Reporter)} does; returns the reuse this call found (also told to {@code reporter}), or null if
     * none or if the ring was busy and the use went to its holder.
     */
    StanReuse use(Use u, long windowMillis, Reporter reporter) {
        long de7 = Transmission.number(u.de7());
        return use(null, u.stan(), u.batch(), u.mti(), u.type(), de7, de7 == Transmission.TEXT ? u.de7() : null,
                u.amount(), u.pan(), u.time(), windowMillis, reporter);
    }

    /** {@link #use(Use, long, Reporter)} reporting to no one (the reuse is returned). */
    StanReuse use(Use u, long windowMillis) {
        return use(u, windowMillis, Reporter.NONE);
    }

    /**
     * Remembers a transaction and looks for a different one of the last {@value #RECENT} that used
     * its STAN within {@code windowMillis}; a reuse found is told to {@code reporter} by whichever
     * thread checks the use. Never waits: if another thread holds the ring, the use is handed to it
     * (a {@link Use} is made only then) and checked before that thread lets the ring go. Without
     * contention nothing is allocated: the ring's {@value #RECENT} slots are filled in place, and a
     * {@link Use} is made only for the two sides of a reuse found.
     *
     * @param dialect the dialect's name, for the reporter
     * @param de7     DE7 as a number ({@link Transmission#number}), or {@link Transmission#NONE}
     * @param de7Text DE7 when it is not a number ({@link Transmission#TEXT}), else null
     * @return the reuse this thread found for this use, or null (none, or handed over)
     */
    StanReuse use(String dialect, String stan, String batch, String mti, TxType type, long de7, String de7Text,
                  long amount, String pan, long time, long windowMillis, Reporter reporter) {
        if (!ringHeld.compareAndSet(false, true)) {
            handed.offer(new Handed(dialect, new Use(stan, batch, mti, type, Transmission.text(de7, de7Text), amount,
                    pan, time), windowMillis));
            // the holder may have let go between our try and our offer: if so, check what is queued ourselves
            if (ringHeld.compareAndSet(false, true)) {
                release(reporter);
            }
            return null;
        }
        StanReuse reuse;
        try {
            reuse = check(stan, batch, mti, type, de7, de7Text, amount, pan, time, windowMillis);
            if (reuse != null) {
                reporter.reused(dialect, tid, reuse, windowMillis);
            }
        } finally {
            release(reporter);
        }
        return reuse;
    }

    /**
     * Checks what other threads handed over, then lets the ring go; if a use arrived after the
     * queue looked empty and nobody else has taken the ring, takes it again (no use is left behind).
     * Called only by the ring's holder.
     */
    private void release(Reporter reporter) {
        do {
            try {
                Handed h;
                while ((h = handed.poll()) != null) {
                    Use u = h.use();
                    long de7 = Transmission.number(u.de7());
                    StanReuse reuse = check(u.stan(), u.batch(), u.mti(), u.type(), de7,
                            de7 == Transmission.TEXT ? u.de7() : null, u.amount(), u.pan(), u.time(), h.windowMillis());
                    if (reuse != null) {
                        reporter.reused(h.dialect(), tid, reuse, h.windowMillis());
                    }
                }
            } finally {
                ringHeld.set(false);
            }
        } while (!handed.isEmpty() && ringHeld.compareAndSet(false, true));
    }

    /** Takes the ring as another event loop in the middle of a check would (tests); false if taken. */
    boolean holdRing() {
        return ringHeld.compareAndSet(false, true);
    }

    /** Lets go of a ring taken by {@link #holdRing}, checking what was handed over meanwhile (tests). */
    void releaseRing(Reporter reporter) {
        release(reporter);
    }

    /** Uses waiting for the ring's holder (tests). */
    int handedOver() {
        return handed.size();
    }

    /** The check itself, run only by the ring's holder. */
    private StanReuse check(String stan, String batch, String mti, TxType type, long de7, String de7Text,
                            long amount, String pan, long time, long windowMillis) {
        if (recent == null) {
            recent = new Slot[RECENT];
            stanHashes = new int[RECENT];
            for (int i = 0; i < RECENT; i++) {
                recent[i] = new Slot();
            }
        }
        // The STANs' hashes side by side: a message compares one array, not 32 slots and their Strings.
        int h = stan == null ? 0 : stan.hashCode();
        Slot found = null;
        for (int i = 0; i < RECENT; i++) {
            if (stanHashes[i] != h) {
                continue;
            }
            Slot earlier = recent[i];
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
            reuses = reuses.plus(reuse);
        }
        recent[next].fill(stan, batch, mti, type, de7, de7Text, amount, pan, time);
        stanHashes[next] = h;
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

    /** The session as the admin API shows it: each part a published snapshot, read without a lock. */
    Map<String, Object> describe() {
        Session s = session.get();
        Reuses r = reuses;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("terminal", tid);
        m.put("merchant", merchant);
        m.put("dialect", dialect);
        m.put("connection", connection);
        m.put("signedOn", s.signedOn());
        m.put("signedOnAt", time(s.signedOnAt()));
        m.put("signedOffAt", time(s.signedOffAt()));
        m.put("batch", s.batch());
        m.put("lastStan", lastStan);
        m.put("lastMti", lastMti);
        m.put("lastSeen", time(lastSeen));
        m.put("stanReuses", r.count());
        List<Map<String, Object>> list = new ArrayList<>(r.newest().size());
        for (StanReuse x : r.newest()) {
            list.add(x.describe());
        }
        m.put("reuses", list);
        return m;
    }

    private static String time(long millis) {
        return millis < 0 ? null : Instant.ofEpochMilli(millis).toString();
    }
}
