package io.acqsim.core.flow;

import io.acqsim.core.routing.TxType;

/** The fields each transaction type cannot do without, and their syntax. */
final class FieldCheck {
    private FieldCheck() {
    }

    /** A description of the first missing or malformed field, or null when the request is complete. */
    static String missing(Request r) {
        TxType type = r.type();
        if (type == TxType.NETWORK) {
            return require(r, 11);
        }
        String m = require(r, 11);
        if (m == null) {
            m = require(r, 41);
        }
        if (m == null && type.isOriginal() && type != TxType.BALANCE) {
            m = requireAmount(r);
            if (m == null && r.pan() == null) {
                m = "DE2 (or DE35) missing";
            }
        }
        if (m == null && !r.stan().chars().allMatch(Character::isDigit)) {
            m = "DE11 '" + r.stan() + "' is not numeric";
        }
        return m;
    }

    private static String require(Request r, int field) {
        String v = r.field(field);
        return v == null || v.isEmpty() ? "DE" + field + " missing" : null;
    }

    private static String requireAmount(Request r) {
        if (r.amount() == -1) {
            return "DE4 missing";
        }
        if (r.amount() < 0) {
            return "DE4 '" + r.field(4) + "' is not an amount";
        }
        return null;
    }
}
