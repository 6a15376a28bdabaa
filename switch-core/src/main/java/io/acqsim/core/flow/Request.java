package io.acqsim.core.flow;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.routing.TxType;
import org.jpos.iso.ISOMsg;

/**
 * A routed request with the fields the flow needs read once, typed. Fields the message lacks are
 * null ({@link #amount} is -1 without DE4).
 */
public final class Request {
    private final Dialect dialect;
    private final IsoFrame frame;
    private final ISOMsg msg;
    private final TxType type;
    private final String mti;
    private final String pan;
    private final long amount;

    Request(Dialect dialect, IsoFrame frame, TxType type) {
        this.dialect = dialect;
        this.frame = frame;
        this.msg = frame.msg();
        this.type = type;
        this.mti = msg.getString(0);
        this.pan = panOf(msg);
        this.amount = amountOf(msg.getString(4));
    }

    private static String panOf(ISOMsg msg) {
        String pan = msg.getString(2);
        if (pan == null && msg.hasField(35)) {
            String track = msg.getString(35);
            int sep = track.indexOf('=');
            if (sep < 0) {
                sep = track.indexOf('D');
            }
            pan = sep < 0 ? track : track.substring(0, sep);
        }
        return pan;
    }

    /** Minor units from a DE4 string, -1 if absent, -2 if not a number. */
    static long amountOf(String de4) {
        if (de4 == null) {
            return -1;
        }
        if (de4.isEmpty() || de4.length() > 18) {
            return -2;
        }
        long v = 0;
        for (int i = 0; i < de4.length(); i++) {
            char c = de4.charAt(i);
            if (c < '0' || c > '9') {
                return -2;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    public Dialect dialect() {
        return dialect;
    }

    public IsoFrame frame() {
        return frame;
    }

    public ISOMsg msg() {
        return msg;
    }

    public TxType type() {
        return type;
    }

    public String mti() {
        return mti;
    }

    /** DE2, or the account part of track 2 when DE2 is absent. */
    public String pan() {
        return pan;
    }

    public long amount() {
        return amount;
    }

    public String field(int n) {
        return msg.getString(n);
    }

    public String stan() {
        return msg.getString(11);
    }

    public String terminal() {
        return msg.getString(41);
    }

    public String merchant() {
        return msg.getString(42);
    }

    public String rrn() {
        return msg.getString(37);
    }

    /**
     * The request's DE37 when it is the message's own reference, kept in the response; null when
     * DE37 names an original (voids, completions, cancels, refunds, reversals), which then get a
     * new host RRN of their own.
     */
    public String ownRrn() {
        return switch (type) {
            case SALE, AUTH, BALANCE -> msg.getString(37);
            default -> null;
        };
    }

    /** A repeat MTI (0101, 0401, 0421): the terminal sends the same message again. */
    public boolean isRepeat() {
        return mti.charAt(3) == '1';
    }
}
