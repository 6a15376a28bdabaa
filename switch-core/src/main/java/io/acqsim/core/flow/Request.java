package io.acqsim.core.flow;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.core.reversal.Matching;
import io.acqsim.core.routing.TxType;

/**
 * A routed request: its {@link MessageView} and the fields the flows need, typed and decoded once
 * when first asked. Fields the message lacks are null ({@link #amount} is -1 without DE4). Terminal,
 * merchant and STAN are read where the dialect's {@link Matching} says (DE41, DE42, DE11 by default).
 */
public final class Request {
    private Dialect dialect;
    private MessageView view;
    private TxType type;
    private String mti;
    private Matching matching;
    private long amount;
    /** The connection's reusable objects this request may answer with, or null ({@link Scratch}). */
    private Scratch scratch;
    private String pan;
    private boolean panRead;
    private String stan;
    private String terminal;
    private String merchant;

    Request(Dialect dialect, MessageView view, TxType type) {
        this(dialect, view, type, view.mti(), Matching.defaults(dialect));
    }

    Request(Dialect dialect, MessageView view, TxType type, String mti, Matching matching) {
        reset(dialect, view, type, mti, matching, null);
    }

    /** This object made into another request: only {@link Scratch}, which owns it, does this. */
    Request reset(Dialect dialect, MessageView view, TxType type, String mti, Matching matching, Scratch scratch) {
        this.dialect = dialect;
        this.view = view;
        this.type = type;
        this.mti = mti;
        this.matching = matching;
        this.amount = amountOf(view);
        this.scratch = scratch;
        this.pan = null;
        this.panRead = false;
        this.stan = null;
        this.terminal = null;
        this.merchant = null;
        return this;
    }

    /** What this request's connection lets it reuse, or null (then everything is made fresh). */
    Scratch scratch() {
        return scratch;
    }

    private static String panOf(MessageView view) {
        // a card comes back again and again: its number is read as a shared String (no copy after the first)
        String pan = view.shared(2);
        if (pan == null && view.has(35)) {
            String track = view.string(35);
            int sep = track.indexOf('=');
            if (sep < 0) {
                sep = track.indexOf('D');
            }
            pan = sep < 0 ? track : track.substring(0, sep);
        }
        return pan;
    }

    /** Minor units of DE4, -1 if absent, -2 if not a number. */
    private static long amountOf(MessageView view) {
        int length = view.length(4);
        if (length < 0) {
            return -1;
        }
        if (length == 0 || length > 18) {
            return -2;
        }
        try {
            return view.number(4);
        } catch (NumberFormatException e) {
            return -2;
        }
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

    /** The decoded message: any field, read on demand. */
    public MessageView view() {
        return view;
    }

    public TxType type() {
        return type;
    }

    public String mti() {
        return mti;
    }

    /** DE2, or the account part of track 2 when DE2 is absent. */
    public String pan() {
        if (!panRead) {
            pan = panOf(view);
            panRead = true;
        }
        return pan;
    }

    public long amount() {
        return amount;
    }

    public String field(int n) {
        return view.string(n);
    }

    public boolean has(int n) {
        return view.has(n);
    }

    /** Where this dialect reads terminal, merchant, STAN and a reversal's original STAN. */
    public Matching matching() {
        return matching;
    }

    /** The terminal's trace number: DE11, or the field {@code matching.stan} names. */
    public String stan() {
        if (stan == null) {
            stan = matching.stan(view);
        }
        return stan;
    }

    /** DE41, or the field {@code matching.terminal} names. */
    public String terminal() {
        if (terminal == null) {
            terminal = matching.terminal(view);
        }
        return terminal;
    }

    /** DE42, or the field {@code matching.merchant} names. */
    public String merchant() {
        if (merchant == null) {
            merchant = matching.merchant(view);
        }
        return merchant;
    }

    public String rrn() {
        return view.string(37);
    }

    /**
     * The request's DE37 when it is the message's own reference, kept in the response; null when
     * DE37 names an original (voids, completions, cancels, refunds, reversals), which then get a
     * new host RRN of their own.
     */
    public String ownRrn() {
        return switch (type) {
            case SALE, AUTH, BALANCE -> view.string(37);
            default -> null;
        };
    }

    /** A repeat MTI (0101, 0401, 0421): the terminal sends the same message again. */
    public boolean isRepeat() {
        return mti.charAt(3) == '1';
    }
}
