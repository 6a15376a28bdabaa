package io.acqsim.core.reversal;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.layout.FieldRef;
import io.acqsim.codec.layout.MessageView;

/**
 * Which field or sub-field supplies each part of a dialect's trace key: the dialect definition's
 * {@code matching:} (PROTOCOL.md §1.1), checked against the layout at start. The default is
 * PROTOCOL.md §2's: DE41, DE42, DE11, and for reversals the STAN inside the original data elements
 * (1987 DE90, 1993 DE56).
 *
 * @param terminal     the terminal id (DE41)
 * @param merchant     the merchant id (DE42)
 * @param stan         the number a terminal names its own message by (DE11): an original's key, and
 *                     a reversal's when it names its original by nothing else
 * @param originalStan a field or sub-field that holds the original's STAN in a reversal (first
 *                     choice when the message has it), or null
 * @param originalData the original data elements (1987 DE90 layout, 1993 DE56 layout) whose STAN a
 *                     reversal names its original by, or null when the dialect has none
 */
public record Matching(FieldRef terminal, FieldRef merchant, FieldRef stan, FieldRef originalStan,
                       FieldRef originalData) {
    public static final FieldRef DE11 = new FieldRef(11, -1);
    public static final FieldRef DE41 = new FieldRef(41, -1);
    public static final FieldRef DE42 = new FieldRef(42, -1);

    /** PROTOCOL.md §2: DE41, DE42, DE11; original data DE90 (1987) or DE56 (1993); CUP has none. */
    public static Matching defaults(Dialect dialect) {
        return new Matching(DE41, DE42, DE11, null, defaultOriginalData(dialect));
    }

    /** DE90 (1987) or DE56 (1993); null on CUP, whose reversals carry the original's own DE11. */
    public static FieldRef defaultOriginalData(Dialect dialect) {
        return dialect.isCup() ? null : new FieldRef(dialect.is1993() ? 56 : 90, -1);
    }

    /** Whether every part is the default of PROTOCOL.md §2. */
    public boolean isDefault(Dialect dialect) {
        return equals(defaults(dialect));
    }

    /** The terminal id, as a String shared with earlier messages of the same terminal ({@link MessageView#shared}). */
    public String terminal(MessageView m) {
        return m.shared(terminal);
    }

    /** The merchant id, shared like {@link #terminal}. */
    public String merchant(MessageView m) {
        return m.shared(merchant);
    }

    public String stan(MessageView m) {
        return m.string(stan);
    }

    /**
     * The STAN as a number when it is a whole field of six digits, read without making its text
     * (a trace key keeps no more of it); {@link Stan#NOT_NUMERIC} otherwise ({@link #stan} then).
     */
    public int sixDigitStan(MessageView m) {
        if (stan.isSub() || m.length(stan.field()) != 6) {
            return Stan.NOT_NUMERIC;
        }
        int v = 0;
        for (int i = 0; i < 6; i++) {
            int c = m.charAt(stan.field(), i);
            if (c < '0' || c > '9') {
                return Stan.NOT_NUMERIC;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The original's STAN as {@link #originalStan} carries it, or null when it is not configured or absent. */
    public String originalStan(MessageView m) {
        if (originalStan == null) {
            return null;
        }
        String s = m.string(originalStan);
        return s == null || s.isEmpty() ? null : s;
    }

    /** The original data elements' text, or null when not configured or the message lacks them. */
    public String originalData(MessageView m) {
        if (originalData == null) {
            return null;
        }
        if (!originalData.isSub()) {
            return m.has(originalData.field()) ? m.string(originalData.field()) : null;
        }
        return m.string(originalData);
    }
}
