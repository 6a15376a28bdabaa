package io.acqsim.core.flow;

import io.acqsim.core.ledger.Digits;
import io.acqsim.core.ledger.Transaction;
import java.util.Map;
import java.util.Objects;

/**
 * What the ledger step decided: the response code, the references to answer with, and any extra
 * response fields (DE54 balance, DE48 settlement). {@link #silent} means no response at all.
 *
 * <p>The references are kept as the ledger gives them: the host's RRN and approval code as their
 * numbers ({@link Transaction#rrnNumber}), so a response writes them without their text being
 * made; text (a request's own RRN that is not twelve digits) as text.
 */
final class Outcome {
    private static final Outcome NONE = new Outcome(null, null, -1, null, -1, Map.of(), true);

    private String code;
    private String rrnText;
    private long rrnNumber;
    private String authCodeText;
    private long authCodeNumber;
    private Map<Integer, String> extra;
    private boolean silent;

    private Outcome(String code, String rrnText, long rrnNumber, String authCodeText, long authCodeNumber,
                    Map<Integer, String> extra, boolean silent) {
        this.code = code;
        this.rrnText = rrnText;
        this.rrnNumber = rrnNumber;
        this.authCodeText = authCodeText;
        this.authCodeNumber = authCodeNumber;
        this.extra = extra;
        this.silent = silent;
    }

    /** An outcome with references given as text (either may be null). */
    Outcome(String code, String rrn, String authCode, Map<Integer, String> extra, boolean silent) {
        this(code, rrn, -1, authCode, -1, extra, silent);
    }

    static Outcome of(Transaction t) {
        return of(t, Map.of());
    }

    /**
     * {@link #of(Transaction)}, written into the request's connection's reusable outcome when it
     * has one ({@link Scratch}): the outcome of a unit of work is read once, by the reply to that
     * request, before the connection reads its next request.
     */
    static Outcome of(Request r, Transaction t) {
        Scratch s = r.scratch();
        return s == null ? of(t) : s.outcome().set(t);
    }

    /** An outcome for {@link Scratch} to fill again and again. */
    static Outcome blank() {
        return new Outcome(null, null, -1, null, -1, Map.of(), false);
    }

    private Outcome set(Transaction t) {
        long rrn = t.rrnNumber();
        long auth = t.authCodeNumber();
        this.code = t.responseCode();
        this.rrnText = rrn < 0 ? t.rrn() : null;
        this.rrnNumber = rrn;
        this.authCodeText = auth < 0 ? t.authCode() : null;
        this.authCodeNumber = auth;
        this.extra = Map.of();
        this.silent = false;
        return this;
    }

    static Outcome of(Transaction t, Map<Integer, String> extra) {
        long rrn = t.rrnNumber();
        long authCode = t.authCodeNumber();
        return new Outcome(t.responseCode(), rrn < 0 ? t.rrn() : null, rrn, authCode < 0 ? t.authCode() : null,
                authCode, extra, false);
    }

    /** The first response again: same DE39, DE37 and DE38. */
    static Outcome replay(Transaction first) {
        return of(first);
    }

    /** A bare response code with no journal entry behind it. */
    static Outcome code(String code) {
        return new Outcome(code, null, -1, null, -1, Map.of(), false);
    }

    static Outcome none() {
        return NONE;
    }

    /** The same outcome answered with another code (advices are always acknowledged 00). */
    Outcome answeredAs(String newCode) {
        boolean keepsAuthCode = "00".equals(newCode);
        return new Outcome(newCode, rrnText, rrnNumber, keepsAuthCode ? authCodeText : null,
                keepsAuthCode ? authCodeNumber : -1, extra, silent);
    }

    String code() {
        return code;
    }

    /** DE37 to answer with, or null. */
    String rrn() {
        return rrnNumber >= 0 ? Digits.pad(rrnNumber, 12) : rrnText;
    }

    /** DE37 as twelve digits' number, or -1 when it is text ({@link #rrn}) or absent. */
    long rrnNumber() {
        return rrnNumber;
    }

    /** DE38 to answer with, or null. */
    String authCode() {
        return authCodeNumber >= 0 ? Digits.pad(authCodeNumber, 6) : authCodeText;
    }

    /** DE38 as six digits' number, or -1 when it is text ({@link #authCode}) or absent. */
    long authCodeNumber() {
        return authCodeNumber;
    }

    Map<Integer, String> extra() {
        return extra;
    }

    boolean silent() {
        return silent;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outcome x && silent == x.silent && Objects.equals(code, x.code)
                && Objects.equals(rrn(), x.rrn()) && Objects.equals(authCode(), x.authCode())
                && extra.equals(x.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, rrn(), authCode(), extra, silent);
    }

    @Override
    public String toString() {
        return "Outcome[code=" + code + ", rrn=" + rrn() + ", authCode=" + authCode() + ", extra=" + extra
                + ", silent=" + silent + "]";
    }
}
