package io.acqsim.bench.load;

import io.acqsim.bench.wire.Requests;
import io.acqsim.bench.wire.ResponseScanner;
import io.acqsim.bench.wire.WireTemplate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.collection.IntObjectHashMap;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.jpos.iso.ISOException;

/**
 * One simulated terminal on one connection. Everything here runs on the connection's event loop,
 * so it needs no locks. It keeps the requests in flight (matched to responses by MTI class and
 * DE11), the originals it may later void or reverse, and the net effect its approved requests had
 * on its card's account, which the money check compares with the bank's ledger.
 */
final class Terminal extends ChannelInboundHandlerAdapter {
    private static final int RECENT = 256;
    private static final int REVERSALS = 64;

    private final LoadPlan plan;
    private final Stats stats;
    private final String pan;
    private final SplittableRandom random;
    private final long timeoutNanos;
    private final long lostTimeoutNanos;
    private final boolean cup;
    /** This dialect's approval code: {@code 00}, or {@code 000} in ISO 8583:1993. */
    private final String approved;
    private final Requests requests;
    private final WireTemplate sale;
    private final WireTemplate auth;
    private final WireTemplate voidOfSale;
    private final WireTemplate chipSale;
    private final WireTemplate reversalOfSale;
    private final WireTemplate reversalOfAuth;
    private final WireTemplate repeatOfSale;
    private final WireTemplate repeatOfAuth;
    private final ResponseScanner scanner;
    private final ResponseScanner.Response response = new ResponseScanner.Response();
    private final IntObjectHashMap<InFlight> pending = new IntObjectHashMap<>();
    private final Original[] recent = new Original[RECENT];
    private final Original[] reversals = new Original[REVERSALS];
    private final ArrayDeque<Original> recoveries = new ArrayDeque<>();
    private final LongQueue scheduled = new LongQueue();
    final CompletableFuture<Void> signedOn = new CompletableFuture<>();

    private Channel channel;
    private int inFlight;
    private int nextStan = 1;
    private int recentAt;
    private int reversalsAt;
    private long de7Second = -1;
    private long de7;
    private boolean dirty;

    /** Net effect this terminal's traffic had on its account, in minor units. */
    long expectedBalance;
    long expectedAvailable;
    /** Requests whose effect on the ledger cannot be known (a void or reversal that got no answer). */
    int uncertain;

    private static final class Original {
        final boolean auth;
        final int stan;
        final long amount;
        String rrn;
        State state;
        boolean busy;
        /** A 9100.01 sale: the host posts it and drops the response, so it is counted as posted. */
        boolean assumedPosted;
        String reversalCode;

        Original(boolean auth, int stan, long amount, State state) {
            this.auth = auth;
            this.stan = stan;
            this.amount = amount;
            this.state = state;
        }
    }

    private enum State { PENDING, APPROVED, DECLINED, VOIDED, REVERSED, UNKNOWN }

    private record InFlight(Kind kind, long intended, long deadline, Original original, boolean counted) {
    }

    Terminal(LoadPlan plan, Stats stats, int index) {
        this.plan = plan;
        this.stats = stats;
        this.pan = plan.pans().get(index % plan.pans().size());
        this.random = new SplittableRandom(plan.seed() * 1_000_003L + index);
        this.timeoutNanos = plan.timeout().toNanos();
        this.lostTimeoutNanos = plan.lostTimeout().toNanos();
        this.requests = new Requests(plan.dialect(), terminalId(index), "LOADGEN00000001", pan);
        this.cup = requests.cup();
        this.approved = requests.approved();
        this.sale = requests.sale();
        this.auth = requests.auth();
        this.voidOfSale = requests.voidOfSale();
        this.chipSale = plan.mix().has(Kind.CHIP) ? requests.chipSale() : null;
        this.reversalOfSale = requests.reversal(false, false);
        this.reversalOfAuth = requests.reversal(true, false);
        this.repeatOfSale = requests.reversal(false, true);
        this.repeatOfAuth = requests.reversal(true, true);
        this.scanner = new ResponseScanner(plan.dialect());
    }

    static String terminalId(int index) {
        return String.format("L%07d", index);
    }

    String pan() {
        return pan;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        WireTemplate signOn = WireTemplate.of(plan.dialect(), requests.signOn(0));
        pending.put(key(8, 0), new InFlight(null, System.nanoTime(), Long.MAX_VALUE, null, false));
        stats.outstanding.incrementAndGet();
        write(signOn);
        channel.flush();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        signedOn.completeExceptionally(new IllegalStateException("connection closed before sign-on"));
        if (System.nanoTime() < stats.measureTo() || !pending.isEmpty()) {
            stats.error();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.error();
        signedOn.completeExceptionally(cause);
        ctx.close();
    }

    // ---- sending ----

    /** Open loop: a request is due at {@code intendedNanos}; it waits here if every slot is busy. */
    void schedule(long intendedNanos) {
        stats.outstanding.incrementAndGet();
        scheduled.add(intendedNanos);
        trySend();
    }

    /** Sends what may be sent now: reversals owed first, then scheduled (open) or new (closed) requests. */
    void trySend() {
        if (channel == null || !channel.isActive()) {
            return;
        }
        long now = System.nanoTime();
        while (inFlight < plan.inFlight()) {
            Original owed = recoveries.poll();
            if (owed != null) {
                sendReversal(Kind.RECOVERY, owed, now);
                stats.outstanding.decrementAndGet();
                continue;
            }
            if (plan.openLoop()) {
                if (scheduled.isEmpty()) {
                    break;
                }
                if (now >= stats.measureTo() + timeoutNanos) {
                    // The target fell this far behind: what is still queued is reported, not sent.
                    stats.unsent.add(scheduled.size);
                    stats.outstanding.addAndGet(-scheduled.size);
                    scheduled.clear();
                    break;
                }
                send(plan.mix().pick(random), scheduled.poll(), now);
                stats.outstanding.decrementAndGet();
            } else {
                if (now >= stats.measureTo()) {
                    break;
                }
                send(plan.mix().pick(random), now, now);
            }
        }
        if (dirty) {
            dirty = false;
            channel.flush();
        }
    }

    private void send(Kind kind, long intended, long now) {
        switch (kind) {
            case VOID -> {
                Original o = pickRecent(false);
                if (o == null) {
                    sendSale(Kind.SALE, intended, now);
                } else {
                    sendVoid(o, intended, now);
                }
            }
            case REVERSAL -> {
                Original o = pickRecent(true);
                if (o == null || pending.containsKey(key(4, o.stan))) {
                    sendSale(Kind.SALE, intended, now);
                } else {
                    sendReversalAt(Kind.REVERSAL, o, intended, now);
                }
            }
            case REPEAT -> {
                Original o = pickReversal();
                if (o == null || pending.containsKey(key(4, o.stan))) {
                    sendSale(Kind.SALE, intended, now);
                } else {
                    o.busy = true;
                    WireTemplate t = o.auth ? repeatOfAuth : repeatOfSale;
                    t.set(4, o.amount).set(11, o.stan);
                    transmit(Kind.REPEAT, t, key(4, o.stan), intended, now, o, true, timeoutNanos);
                }
            }
            case AUTH -> {
                int stan = nextStan();
                long amount = amount();
                Original o = new Original(true, stan, amount, State.PENDING);
                auth.set(4, amount).set(11, stan);
                transmit(Kind.AUTH, auth, key(1, stan), intended, now, o, true, timeoutNanos);
            }
            case LOST -> sendSale(Kind.LOST, intended, now);
            case CHIP -> {
                int stan = nextStan();
                Original o = new Original(false, stan, Requests.CHIP_AMOUNT, State.PENDING);
                chipSale.set(4, Requests.CHIP_AMOUNT).set(11, stan);
                transmit(Kind.CHIP, chipSale, key(2, stan), intended, now, o, true, timeoutNanos);
            }
            default -> sendSale(Kind.SALE, intended, now);
        }
    }

    private void sendSale(Kind kind, long intended, long now) {
        int stan = nextStan();
        long amount = kind == Kind.LOST ? 910001 : amount();
        Original o = new Original(false, stan, amount, State.PENDING);
        sale.set(4, amount).set(11, stan);
        if (kind == Kind.LOST) {
            // Processed and posted, response dropped: the terminal counts it as posted until its
            // reversal comes back approved. It does not hold a slot while it waits.
            o.assumedPosted = true;
            expectedBalance -= amount;
            expectedAvailable -= amount;
            transmit(kind, sale, key(2, stan), intended, now, o, false, lostTimeoutNanos);
        } else {
            transmit(kind, sale, key(2, stan), intended, now, o, true, timeoutNanos);
        }
    }

    private void sendVoid(Original o, long intended, long now) {
        o.busy = true;
        int stan = nextStan();
        voidOfSale.set(4, o.amount).set(11, stan).set(37, o.rrn);
        if (cup) {
            voidOfSale.set(61, Long.parseLong(Requests.BATCH) * 1_000_000L + o.stan);
        }
        transmit(Kind.VOID, voidOfSale, key(2, stan), intended, now, o, true, timeoutNanos);
    }

    private void sendReversal(Kind kind, Original o, long now) {
        sendReversalAt(kind, o, now, now);
    }

    private void sendReversalAt(Kind kind, Original o, long intended, long now) {
        o.busy = true;
        WireTemplate t = o.auth ? reversalOfAuth : reversalOfSale;
        t.set(4, o.amount).set(11, o.stan);
        transmit(kind, t, key(4, o.stan), intended, now, o, true, timeoutNanos);
    }

    private void transmit(Kind kind, WireTemplate t, int key, long intended, long now, Original o, boolean counted,
                          long timeout) {
        if (!cup) {
            t.set(7, de7());
        }
        pending.put(key, new InFlight(kind, intended, now + timeout, o, counted));
        stats.outstanding.incrementAndGet();
        if (counted) {
            inFlight++;
        }
        stats.sent();
        write(t);
    }

    private void write(WireTemplate t) {
        ByteBuf buf = channel.alloc().ioBuffer(t.length());
        t.writeTo(buf);
        channel.write(buf, channel.voidPromise());
        dirty = true;
    }

    // ---- receiving ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf body = (ByteBuf) msg;
        long now = System.nanoTime();
        try {
            scanner.scan(ByteBufUtil.getBytes(body), response);
        } catch (ISOException | RuntimeException e) {
            stats.error();
            return;
        } finally {
            body.release();
        }
        InFlight f = response.stan < 0 ? null : pending.remove(key(response.mtiClass(), response.stan));
        if (f == null) {
            stats.unexpected.increment();
            return;
        }
        if (f.counted) {
            inFlight--;
        }
        if (f.kind == null) {
            stats.outstanding.decrementAndGet();
            signedOn.complete(null);
            return;
        }
        String code = plan.echo() ? approved : response.code;
        stats.answered(f.kind, f.intended, now, code);
        settle(f, code, now);
        trySend();
        // Last, so that the count never reads zero while this answer still leads to more traffic.
        stats.outstanding.decrementAndGet();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (dirty) {
            dirty = false;
            ctx.flush();
        }
    }

    /** Books the answer's effect on the expected balance, as PROTOCOL.md §3 says the bank does. */
    private void settle(InFlight f, String code, long now) {
        Original o = f.original;
        boolean ok = approved.equals(code);
        switch (f.kind) {
            case SALE, AUTH, CHIP -> {
                if (ok) {
                    o.state = State.APPROVED;
                    o.rrn = rrnOf(o);
                    expectedAvailable -= o.amount;
                    if (!o.auth) {
                        expectedBalance -= o.amount;
                    }
                    remember(o);
                } else {
                    o.state = State.DECLINED;
                }
            }
            case LOST -> {
                // Answered after all: the scripted rule is not active on this host.
                if (ok) {
                    o.state = State.APPROVED;
                    o.rrn = rrnOf(o);
                    remember(o);
                } else {
                    o.state = State.DECLINED;
                    expectedBalance += o.amount;
                    expectedAvailable += o.amount;
                }
                o.assumedPosted = false;
            }
            case VOID -> {
                o.busy = false;
                if (ok) {
                    o.state = State.VOIDED;
                    expectedBalance += o.amount;
                    expectedAvailable += o.amount;
                }
            }
            case REVERSAL, RECOVERY -> {
                o.busy = false;
                o.reversalCode = code;
                if (ok) {
                    if (o.state == State.APPROVED || (o.state == State.UNKNOWN && o.assumedPosted)) {
                        expectedAvailable += o.amount;
                        if (!o.auth) {
                            expectedBalance += o.amount;
                        }
                    }
                    o.state = State.REVERSED;
                    reversals[reversalsAt++ % REVERSALS] = o;
                } else if (o.state == State.UNKNOWN && !o.assumedPosted) {
                    uncertain++;
                }
            }
            case REPEAT -> {
                o.busy = false;
                if (!code.equals(o.reversalCode)) {
                    stats.repeatMismatches.increment();
                    stats.error();
                }
            }
        }
    }

    private String rrnOf(Original o) {
        if (response.rrn != null && response.rrn.length() == 12) {
            return response.rrn;
        }
        return String.format("%012d", o.stan);
    }

    /** Expires requests past their deadline; owed reversals are queued for the next free slot. */
    void expire(long now) {
        if (pending.isEmpty()) {
            return;
        }
        List<Integer> expired = null;
        for (IntObjectHashMap.PrimitiveEntry<InFlight> e : pending.entries()) {
            if (e.value().deadline <= now) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(e.key());
            }
        }
        if (expired == null) {
            return;
        }
        for (int k : expired) {
            InFlight f = pending.remove(k);
            if (f.counted) {
                inFlight--;
            }
            if (f.kind == null) {
                signedOn.completeExceptionally(new IllegalStateException("sign-on unanswered"));
            } else if (f.kind == Kind.LOST) {
                stats.lostUnanswered.increment();
                f.original.state = State.UNKNOWN;
                owe(f.original);
            } else {
                stats.timedOut(f.kind);
                switch (f.kind) {
                    case SALE, AUTH, CHIP -> {
                        f.original.state = State.UNKNOWN;
                        owe(f.original);
                    }
                    case VOID, REVERSAL, RECOVERY -> uncertain++;
                    default -> f.original.busy = false;
                }
            }
            stats.outstanding.decrementAndGet();
        }
        trySend();
    }

    private void owe(Original o) {
        stats.outstanding.incrementAndGet();
        recoveries.add(o);
    }

    // ---- originals ----

    private void remember(Original o) {
        recent[recentAt++ % RECENT] = o;
    }

    /** A random recent original that may be voided (sales only) or reversed (sales and auths). */
    private Original pickRecent(boolean reversal) {
        int n = Math.min(recentAt, RECENT);
        if (n == 0) {
            return null;
        }
        int start = random.nextInt(n);
        for (int i = 0; i < Math.min(n, 16); i++) {
            Original o = recent[(start + i) % n];
            if (o.state == State.APPROVED && !o.busy && (reversal || !o.auth)) {
                return o;
            }
        }
        return null;
    }

    private Original pickReversal() {
        int n = Math.min(reversalsAt, REVERSALS);
        if (n == 0) {
            return null;
        }
        Original o = reversals[random.nextInt(n)];
        return o.busy ? null : o;
    }

    private int nextStan() {
        int s = nextStan;
        nextStan = s == 999_999 ? 1 : s + 1;
        return s;
    }

    private long amount() {
        return 100 + random.nextInt(99_900);
    }

    /** DE7 MMDDhhmmss, recomputed once a second. */
    private long de7() {
        long second = System.currentTimeMillis() / 1000;
        if (second != de7Second) {
            de7Second = second;
            LocalDateTime t = LocalDateTime.now();
            de7 = t.getMonthValue() * 100_000_000L + t.getDayOfMonth() * 1_000_000L + t.getHour() * 10_000L
                    + t.getMinute() * 100L + t.getSecond();
        }
        return de7;
    }

    private static int key(int mtiClass, int stan) {
        return mtiClass * 1_000_000 + stan;
    }

    /** A growable FIFO of primitive longs (open-loop intended send times). */
    private static final class LongQueue {
        private long[] items = new long[64];
        private int head;
        private int size;

        void add(long v) {
            if (size == items.length) {
                long[] bigger = new long[items.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = items[(head + i) % items.length];
                }
                items = bigger;
                head = 0;
            }
            items[(head + size++) % items.length] = v;
        }

        long poll() {
            long v = items[head];
            head = (head + 1) % items.length;
            size--;
            return v;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void clear() {
            head = 0;
            size = 0;
        }
    }
}
