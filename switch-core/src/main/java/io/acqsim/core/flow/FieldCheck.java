package io.acqsim.core.flow;

import io.acqsim.codec.layout.FieldRef;
import io.acqsim.core.reversal.Matching;
import io.acqsim.core.routing.TxType;

/**
 * The fields each transaction type cannot do without (a missing one is answered {@code 30}).
 * Sub-field syntax (DE60, 61, 90, 95) is checked where the fields are read. The terminal id is
 * DE41 unless the dialect's {@code matching.terminal} names another field or sub-field; a STAN
 * read elsewhere ({@code matching.stan}) is required besides DE11.
 */
final class FieldCheck {
    private FieldCheck() {
    }

    /** A description of the first missing or malformed field, or null when the request is complete. */
    static String missing(Request r) {
        TxType type = r.type();
        boolean cup = r.dialect().isCup();
        String m = require(r, 11);
        if (m != null || type == TxType.NETWORK) {
            return m;
        }
        Matching keys = r.matching();
        m = require(r, keys.terminal());
        if (m == null && !keys.stan().equals(Matching.DE11) && type != TxType.SETTLEMENT
                && type != TxType.BATCH_UPLOAD) {
            m = require(r, keys.stan());
        }
        if (m == null && keys.merchant().isSub()) {
            m = unreadable(r, keys.merchant());
        }
        if (m == null && cup) {
            m = require(r, 60);
        }
        if (m != null) {
            return m;
        }
        return switch (type) {
            case SALE, AUTH, REFUND -> amountAndCard(r);
            case BALANCE -> r.pan() == null ? "DE2 (or DE35) missing" : null;
            case VOID, COMPLETION_VOID -> firstOf(amountAndCard(r), require(r, cup ? 61 : 37));
            case COMPLETION -> firstOf(amountAndCard(r),
                    cup ? require(r, 38) : r.view().has(r.dialect().is1993() ? 56 : 90) ? null : require(r, 37));
            case AUTH_CANCEL -> firstOf(amountAndCard(r), require(r, 38));
            case SETTLEMENT -> !cup || SettlementFlow.isTotals(r.field(48)) ? null
                    : "DE48 missing or not settlement totals (n12 n3 n12 n3 n1)";
            case REVERSAL, ADVICE -> r.amount() == -2 ? "DE4 '" + r.field(4) + "' is not an amount" : null;
            default -> null;
        };
    }

    private static String amountAndCard(Request r) {
        if (r.amount() == -1) {
            return "DE4 missing";
        }
        if (r.amount() < 0) {
            return "DE4 '" + r.field(4) + "' is not an amount";
        }
        return r.pan() == null ? "DE2 (or DE35) missing" : null;
    }

    private static String require(Request r, int field) {
        return r.view().length(field) <= 0 ? "DE" + field + " missing" : null;
    }

    /** A field or sub-field the key is read from ({@code matching:}): missing, empty or unreadable is a format error. */
    private static String require(Request r, FieldRef ref) {
        if (!ref.isSub()) {
            return require(r, ref.field());
        }
        try {
            String v = r.view().string(ref);
            return v == null || v.isEmpty() ? "DE" + ref + " missing" : null;
        } catch (IllegalArgumentException e) {
            return "DE" + ref + " unreadable: " + e.getMessage();
        }
    }

    /** Null when the sub-field is absent or reads; otherwise why it does not. */
    private static String unreadable(Request r, FieldRef ref) {
        try {
            r.view().string(ref);
            return null;
        } catch (IllegalArgumentException e) {
            return "DE" + ref + " unreadable: " + e.getMessage();
        }
    }

    private static String firstOf(String a, String b) {
        return a != null ? a : b;
    }
}
