package io.acqsim.core.rules;

import io.acqsim.core.flow.Request;
import io.acqsim.core.routing.TxType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which requests a rule applies to. Every condition given must hold; a missing one matches
 * anything. A rule that names neither {@link #mti} nor {@link #type} applies only to the
 * messages that start a transaction ({@link TxType#isScriptedByDefault()}: authorizations,
 * sales, completions, refunds), never to voids, reversals or advices, which carry the original's
 * amount (PROTOCOL.md §6).
 *
 * @param mti            request MTI, e.g. {@code 0400} (its response is the {@code 0410})
 * @param type           transaction type as routed, e.g. {@link TxType#REVERSAL}
 * @param processingCode prefix of DE3
 * @param amountMin      lowest DE4 in minor units, inclusive (null: no lower bound)
 * @param amountMax      highest DE4 in minor units, inclusive (null: no upper bound)
 * @param pan            DE2 (or track 2's account number)
 * @param terminal       DE41
 * @param merchant       DE42
 * @param fields         {@code match.field}: fields and sub-fields of composite fields ({@code 48.2}) with
 *                       the exact value each must have (empty: none)
 */
public record Match(String mti, TxType type, String processingCode, Long amountMin, Long amountMax, String pan,
                    String terminal, String merchant, java.util.List<FieldMatch> fields) {
    public Match {
        fields = fields == null ? java.util.List.of() : java.util.List.copyOf(fields);
    }

    public Match(String mti, TxType type, String processingCode, Long amountMin, Long amountMax, String pan,
                 String terminal, String merchant) {
        this(mti, type, processingCode, amountMin, amountMax, pan, terminal, merchant, null);
    }

    /** A match on one exact amount. */
    public static Match amount(long minor) {
        return new Match(null, null, null, minor, minor, null, null, null);
    }

    /** Whether the rule names the message kind, and so may apply beyond transaction-starting messages. */
    public boolean namesMessageKind() {
        return mti != null || type != null;
    }

    public boolean matches(Request r) {
        if (!namesMessageKind() && !r.type().isScriptedByDefault()) {
            return false;
        }
        if (mti != null && !mti.equals(r.mti())) {
            return false;
        }
        if (type != null && type != r.type()) {
            return false;
        }
        if (processingCode != null && (r.field(3) == null || !r.field(3).startsWith(processingCode))) {
            return false;
        }
        if (amountMin != null || amountMax != null) {
            long a = r.amount();
            if (a < 0 || amountMin != null && a < amountMin || amountMax != null && a > amountMax) {
                return false;
            }
        }
        if (!(pan == null || pan.equals(r.pan()))
                || !(terminal == null || terminal.equals(r.terminal()))
                || !(merchant == null || merchant.equals(r.merchant()))) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).matches(r.view())) {
                return false;
            }
        }
        return true;
    }

    /** The JSON/YAML shape, as {@link RuleParser} reads it (PAN masked). */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "mti", mti);
        put(m, "type", type == null ? null : type.name().toLowerCase());
        put(m, "processingCode", processingCode);
        if (amountMin != null && amountMin.equals(amountMax)) {
            m.put("amount", amountMin);
        } else if (amountMin != null || amountMax != null) {
            Map<String, Object> range = new LinkedHashMap<>();
            put(range, "min", amountMin);
            put(range, "max", amountMax);
            m.put("amount", range);
        }
        put(m, "pan", io.acqsim.codec.field.Masking.pan(pan));
        put(m, "terminal", terminal);
        put(m, "merchant", merchant);
        if (!fields.isEmpty()) {
            Map<String, Object> f = new LinkedHashMap<>();
            for (FieldMatch fm : fields) {
                f.put(fm.ref().toString(), fm.ref().field() == 2 || fm.ref().field() == 35
                        ? io.acqsim.codec.field.Masking.pan(fm.value()) : fm.value());
            }
            m.put("field", f);
        }
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
