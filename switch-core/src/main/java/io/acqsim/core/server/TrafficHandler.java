package io.acqsim.core.server;

import io.acqsim.codec.DecodeFailure;
import io.acqsim.codec.layout.FieldRef;
import io.acqsim.codec.layout.IsoFields;
import io.acqsim.codec.layout.MessageBuilder;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.acqsim.core.metrics.TransactionLog;
import io.acqsim.core.reversal.Matching;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;

/**
 * Watches one connection's decoded traffic for the meters and the transaction log, between the
 * dialect codec and the {@link RequestHandler}: it sees every request as it is decoded and every
 * response however and whenever it is written (at once, delayed, after a scripted fault), so the
 * handlers that decide what to send need no metering code of their own.
 *
 * <p>A response is counted and timed when it is handed to the connection for writing: latency runs
 * from the request's decoding to then. The promise is passed on untouched, so a void promise stays
 * void (a failed write reaches {@code exceptionCaught} as Netty reports it); responses still
 * queued for the socket when the host closes the connection are counted undelivered. A response is matched to its request by
 * response MTI and STAN, kept as one {@code long} (a terminal reuses a STAN for a reversal, whose
 * MTI differs) in a ring of the last {@value #MAX_PENDING} requests: older unanswered ones are
 * forgotten.
 *
 * <p>The transaction log names the terminal and STAN where the dialect's {@code matching:} reads
 * them. When that is not DE41 and DE11, a request's pair is kept in the ring beside its key, so its
 * response's line names them too even when the response does not echo the fields they came from.
 */
final class TrafficHandler extends ChannelDuplexHandler {
    static final int MAX_PENDING = 256;
    private static final long EMPTY = Long.MIN_VALUE;
    private static final long NO_STAN = 1_999_999;

    private final String listener;
    private final String dialect;
    private final AcqsimMetrics.DialectMeters meters;
    /** Where the log reads terminal and STAN; null when they are DE41 and DE11. */
    private final FieldRef terminalRef;
    private final FieldRef stanRef;
    /** Per ring slot, the request's terminal and STAN as matching reads them (only with {@link #terminalRef}). */
    private final String[] terminals;
    private final String[] stans;
    /** Ring of pending requests: key (response MTI and STAN), decode time, request MTI code. */
    private final long[] keys = new long[MAX_PENDING];
    private final long[] decodedAt = new long[MAX_PENDING];
    private final short[] requestMti = new short[MAX_PENDING];
    private int newest = -1;
    private int size;
    /** DE39 of the last responses written, newest at {@code lastWritten}: what a close leaves undelivered. */
    private final String[] writtenCodes = new String[MAX_PENDING];
    private int lastWritten = -1;
    private long writtenCount;
    private String connection = "?";
    /** This connection's transaction-log line, built again for each message (the handler runs on one event loop). */
    private StringBuilder line;
    private boolean counted;

    TrafficHandler(String listener, String dialect, AcqsimMetrics.DialectMeters meters) {
        this(listener, dialect, meters, null);
    }

    /** @param matching where the dialect reads terminal and STAN, or null for DE41 and DE11 */
    TrafficHandler(String listener, String dialect, AcqsimMetrics.DialectMeters meters, Matching matching) {
        this.listener = listener;
        this.dialect = dialect;
        this.meters = meters;
        boolean moved = matching != null
                && (!matching.terminal().equals(Matching.DE41) || !matching.stan().equals(Matching.DE11));
        this.terminalRef = moved ? matching.terminal() : null;
        this.stanRef = moved ? matching.stan() : null;
        this.terminals = moved ? new String[MAX_PENDING] : null;
        this.stans = moved ? new String[MAX_PENDING] : null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = listener + "/" + ctx.channel().id().asShortText();
        counted = true;
        meters.connectionOpened();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (counted) {
            counted = false;
            meters.connectionClosed();
        }
        size = 0;
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long now = System.nanoTime();
        if (msg instanceof MessageView m) {
            meters.received(m.mti());
            boolean expected = expect(m.mtiCode(), stan(m.number(11, -1)), now);
            log("in ", m, expected ? newest : -1, -1);
        } else if (msg instanceof DecodeFailure failure) {
            meters.undecodable();
            MessageView partial = failure.error().partialView();
            if (partial != null && partial.has(0)) {
                long stan;
                try {
                    stan = partial.number(11, -1);
                } catch (NumberFormatException e) {
                    stan = -1;
                }
                expect(partial.mtiCode(), stan(stan), now);
            }
            if (TransactionLog.enabled()) {
                TransactionLog.write("in  " + connection + ' ' + dialect + " undecodable " + failure.frame().length
                        + " bytes: " + failure.error().getMessage());
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MessageBuilder m) {
            sent(m);
        } else if (msg instanceof ByteBuf) {
            written(null);
            meters.sent(null, null);
            if (TransactionLog.enabled()) {
                TransactionLog.write("out " + connection + ' ' + dialect + " raw bytes (scripted fault)");
            }
        }
        ctx.write(msg, promise);
    }

    /**
     * Closing with responses still queued for the socket (a peer that stopped reading): each
     * queued entry is one response (the encoder writes one buffer per response), the newest ones
     * written, so the last that many codes are counted undelivered.
     */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        ChannelOutboundBuffer queued = ctx.channel().unsafe().outboundBuffer();
        int pending = queued == null ? 0 : (int) Math.min(queued.size(), Math.min(writtenCount, MAX_PENDING));
        for (int i = 0; i < pending; i++) {
            meters.undelivered(writtenCodes[Math.floorMod(lastWritten - i, MAX_PENDING)]);
        }
        writtenCount = 0;
        ctx.close(promise);
    }

    private void written(String code) {
        lastWritten = (lastWritten + 1) % MAX_PENDING;
        writtenCodes[lastWritten] = code;
        writtenCount++;
    }

    private void sent(MessageBuilder m) {
        written(m.string(39));
        int code = m.mtiCode();
        int slot = take(key(code, stan(m.number(11, -1))));
        long elapsed = slot < 0 ? -1 : System.nanoTime() - decodedAt[slot];
        meters.sent(m.mti(), m.string(39));
        if (elapsed >= 0) {
            meters.latency(MessageView.mtiName(requestMti[slot]), elapsed);
        }
        log("out", m, slot, elapsed);
    }

    private static long stan(long stan) {
        return stan < 0 || stan > 999_999 ? NO_STAN : stan;
    }

    private static long key(int responseMti, long stan) {
        return responseMti * 2_000_000L + stan;
    }

    /** Keeps a request in the ring; false for a message that expects no response (not kept). */
    private boolean expect(int requestMtiCode, long stan, long at) {
        int response = responseMti(requestMtiCode);
        if (response < 0) {
            return false;
        }
        newest = (newest + 1) % MAX_PENDING;
        keys[newest] = key(response, stan);
        decodedAt[newest] = at;
        requestMti[newest] = (short) requestMtiCode;
        if (size < MAX_PENDING) {
            size++;
        }
        if (terminals != null) {
            terminals[newest] = null;
            stans[newest] = null;
        }
        return true;
    }

    /** Finds the newest pending request with this key and removes it; its slot, or -1. */
    private int take(long key) {
        for (int i = 0; i < size; i++) {
            int slot = Math.floorMod(newest - i, MAX_PENDING);
            if (keys[slot] == key) {
                keys[slot] = EMPTY;
                // forget answered requests at the old end, so the live window stays as short as what is in flight
                while (size > 0 && keys[Math.floorMod(newest - size + 1, MAX_PENDING)] == EMPTY) {
                    size--;
                }
                return slot;
            }
        }
        return -1;
    }

    /** 200 → 210, 401 → 410, 421 → 430, 800 → 810; -1 for a response or a malformed MTI. */
    static int responseMti(int mti) {
        if (mti < 0 || mti > 9999) {
            return -1;
        }
        int function = mti / 10 % 10;
        if (function % 2 == 1) {
            return -1;
        }
        return mti - mti % 100 + (function + 1) * 10;
    }

    /** 0200 → 0210, 0401 → 0410, 0421 → 0430, 0800 → 0810; null for a response or a malformed MTI. */
    static String responseMti(String mti) {
        if (mti == null || mti.length() != 4) {
            return null;
        }
        for (int i = 0; i < 4; i++) {
            if (mti.charAt(i) < '0' || mti.charAt(i) > '9') {
                return null;
            }
        }
        int code = responseMti(Integer.parseInt(mti));
        return code < 0 ? null : MessageView.mtiName(code);
    }

    /** @param slot the ring slot of the request (of the response's request), or -1 */
    private void log(String direction, IsoFields m, int slot, long elapsed) {
        if (TransactionLog.enabled()) {
            if (line == null) {
                line = new StringBuilder(160);
            }
            if (terminalRef == null) {
                TransactionLog.write(TransactionLog.compose(line, direction, connection, dialect, m, elapsed));
            } else {
                String tid = read(m, terminalRef);
                String stan = read(m, stanRef);
                if (slot >= 0) {
                    if (m instanceof MessageView) {
                        terminals[slot] = tid;
                        stans[slot] = stan;
                    } else {
                        // a response names its request's terminal and STAN, echoed or not
                        tid = tid != null ? tid : terminals[slot];
                        stan = stan != null ? stan : stans[slot];
                    }
                }
                TransactionLog.write(TransactionLog.compose(line, direction, connection, dialect, m, tid, stan,
                        elapsed));
            }
        }
        if (TransactionLog.tracing()) {
            TransactionLog.TRACE.debug("{} {} {} fields:{}", direction.trim(), connection, m.mti(),
                    TransactionLog.fields(m));
        }
    }

    /** A field or sub-field of a request or response, or null when absent or unreadable (the log must not fail). */
    private static String read(IsoFields m, FieldRef ref) {
        try {
            if (!ref.isSub()) {
                return m.string(ref.field());
            }
            if (m instanceof MessageView v) {
                return v.string(ref);
            }
            if (m instanceof MessageBuilder b && b.has(ref.field()) && b.layout().composite(ref.field()) != null) {
                return b.layout().composite(ref.field()).string(b.bytes(ref.field()), ref.sub());
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
