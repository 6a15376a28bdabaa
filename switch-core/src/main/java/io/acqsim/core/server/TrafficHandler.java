package io.acqsim.core.server;

import io.acqsim.codec.DecodeFailure;
import io.acqsim.codec.IsoFrame;
import io.acqsim.core.metrics.AcqsimMetrics;
import io.acqsim.core.metrics.TransactionLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jpos.iso.ISOMsg;

/**
 * Watches one connection's decoded traffic for the meters and the transaction log, between the
 * dialect codec and the {@link RequestHandler}: it sees every request as it is decoded and every
 * response however and whenever it is written (at once, delayed, after a scripted fault), so the
 * handlers that decide what to send need no metering code of their own.
 *
 * <p>Latency runs from the request's decoding to its response's write completing. A response is
 * matched to its request by response MTI and STAN (a terminal reuses a STAN for a reversal, whose
 * MTI differs); requests whose response never comes are forgotten after {@value #MAX_PENDING}
 * newer ones.
 */
final class TrafficHandler extends ChannelDuplexHandler {
    private static final int MAX_PENDING = 256;

    private final String listener;
    private final String dialect;
    private final AcqsimMetrics.DialectMeters meters;
    private final Map<String, Pending> pending = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
            return size() > MAX_PENDING;
        }
    };
    private String connection = "?";
    private boolean counted;

    /** A request waiting for its response. */
    private record Pending(String requestMti, long decodedAt) {
    }

    TrafficHandler(String listener, String dialect, AcqsimMetrics.DialectMeters meters) {
        this.listener = listener;
        this.dialect = dialect;
        this.meters = meters;
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
        pending.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long now = System.nanoTime();
        if (msg instanceof IsoFrame frame) {
            ISOMsg m = frame.msg();
            String mti = m.getString(0);
            meters.received(mti);
            expect(mti, m.getString(11), now);
            log("in ", m, -1);
        } else if (msg instanceof DecodeFailure failure) {
            meters.undecodable();
            ISOMsg partial = failure.error().partial();
            if (partial != null && partial.hasField(0)) {
                expect(partial.getString(0), partial.getString(11), now);
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
        if (!(msg instanceof IsoFrame) && !(msg instanceof ByteBuf)) {
            ctx.write(msg, promise);
            return;
        }
        Sent sent = msg instanceof IsoFrame frame ? sent(frame.msg()) : new Sent(null, null, null, null, -1);
        ChannelPromise p = promise;
        if (promise.isVoid()) {
            // A void promise reports a failed write to the pipeline; keep doing so with a real one.
            p = ctx.newPromise();
            sent.reportFailure = true;
        }
        p.addListener(sent);
        ctx.write(msg, p);
    }

    private Sent sent(ISOMsg m) {
        String mti = m.getString(0);
        Pending p = mti == null ? null : pending.remove(key(mti, m.getString(11)));
        return new Sent(m, mti, m.getString(39), p == null ? null : p.requestMti(), p == null ? -1 : p.decodedAt());
    }

    private void expect(String requestMti, String stan, long decodedAt) {
        String responseMti = responseMti(requestMti);
        if (responseMti != null) {
            pending.put(key(responseMti, stan), new Pending(requestMti, decodedAt));
        }
    }

    private static String key(String responseMti, String stan) {
        return stan == null ? responseMti : responseMti + stan;
    }

    /** 0200 → 0210, 0401 → 0410, 0421 → 0430, 0800 → 0810; null for a response or a malformed MTI. */
    static String responseMti(String mti) {
        if (mti == null || mti.length() != 4) {
            return null;
        }
        char function = mti.charAt(2);
        if (function < '0' || function > '9' || (function - '0') % 2 == 1) {
            return null;
        }
        return mti.substring(0, 2) + (char) (function + 1) + '0';
    }

    private void log(String direction, ISOMsg m, long elapsed) {
        if (TransactionLog.enabled()) {
            TransactionLog.write(TransactionLog.line(direction, connection, dialect, m, elapsed));
        }
        if (TransactionLog.tracing()) {
            TransactionLog.TRACE.debug("{} {} {} fields:{}", direction.trim(), connection, m.getString(0),
                    TransactionLog.fields(m));
        }
    }

    /** Counts, times and logs one response once its write has completed. */
    private final class Sent implements ChannelFutureListener {
        private final ISOMsg msg;
        private final String mti;
        private final String code;
        private final String requestMti;
        private final long decodedAt;
        boolean reportFailure;

        Sent(ISOMsg msg, String mti, String code, String requestMti, long decodedAt) {
            this.msg = msg;
            this.mti = mti;
            this.code = code;
            this.requestMti = requestMti;
            this.decodedAt = decodedAt;
        }

        @Override
        public void operationComplete(ChannelFuture f) {
            if (!f.isSuccess()) {
                meters.undelivered(code); // its connection closed first: processed (posted), never sent
                if (reportFailure) {
                    f.channel().pipeline().fireExceptionCaught(f.cause());
                }
                return;
            }
            long elapsed = decodedAt < 0 ? -1 : System.nanoTime() - decodedAt;
            meters.sent(mti, code);
            if (elapsed >= 0) {
                meters.latency(requestMti, elapsed);
            }
            if (msg != null) {
                log("out", msg, elapsed);
            } else if (TransactionLog.enabled()) {
                TransactionLog.write("out " + connection + ' ' + dialect + " raw bytes (scripted fault)");
            }
        }
    }
}
