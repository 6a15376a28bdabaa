package io.acqsim.core.ledger.pg;

import io.acqsim.core.reversal.CupTraceKey;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.reversal.TraceKey;

/**
 * A {@link TraceKey} as the text the {@code trace_keys} table is keyed by: its kind, scope (ISO
 * dialect or CUP batch), terminal, merchant and STAN, separated by a character no field carries
 * (U+001F), a missing field written as U+001E. Equal keys give equal text and back.
 */
final class TraceKeyText {
    private static final char SEP = '\u001F';
    private static final String NULL = "\u001E";

    private TraceKeyText() {
    }

    static String format(TraceKey key) {
        if (key == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(48);
        if (key instanceof IsoTraceKey iso) {
            sb.append('I').append(SEP).append(field(iso.dialect()));
        } else if (key instanceof CupTraceKey cup) {
            sb.append('C').append(SEP).append(field(cup.batch()));
        } else {
            throw new IllegalArgumentException("unknown trace key " + key.getClass());
        }
        return sb.append(SEP).append(field(key.terminal())).append(SEP).append(field(merchant(key))).append(SEP)
                .append(field(key.stan())).toString();
    }

    private static String merchant(TraceKey key) {
        return key instanceof IsoTraceKey iso ? iso.merchant() : ((CupTraceKey) key).merchant();
    }

    private static String field(String s) {
        return s == null ? NULL : s;
    }

    static TraceKey parse(String text) {
        if (text == null) {
            return null;
        }
        String[] f = text.split(String.valueOf(SEP), -1);
        if (f.length != 5) {
            throw new IllegalArgumentException("not a stored trace key: " + text.replace(SEP, '|'));
        }
        return switch (f[0]) {
            case "I" -> new IsoTraceKey(value(f[1]), value(f[2]), value(f[3]), value(f[4]));
            case "C" -> new CupTraceKey(value(f[2]), value(f[3]), value(f[1]), value(f[4]));
            default -> throw new IllegalArgumentException("not a stored trace key: " + text.replace(SEP, '|'));
        };
    }

    private static String value(String s) {
        return NULL.equals(s) ? null : s;
    }
}
