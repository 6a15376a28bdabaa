package io.acqsim.core.routing;

import io.acqsim.codec.layout.FieldRef;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.codec.layout.SubLayout;
import java.util.Map;

/**
 * One line of a dialect's routing table.
 *
 * @param mti            request MTI, e.g. {@code 0200}
 * @param processingCode prefix of DE3 (e.g. {@code 00}, {@code 31}, {@code 200000}) or {@code *}
 * @param type60         CUP DE60.1 message type (e.g. {@code 22}) or {@code *}
 * @param type           the transaction type a match means
 * @param field          fields or sub-fields of composite fields ({@code 48.2}) that must hold exactly
 *                       these values (YAML key {@code field}; empty: no condition)
 */
public record Route(String mti, String processingCode, String type60, TxType type, Map<FieldRef, String> field) {
    public Route {
        processingCode = processingCode == null ? "*" : processingCode;
        type60 = type60 == null ? "*" : type60;
        field = field == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(field));
    }

    public Route(String mti, String processingCode, String type60, TxType type) {
        this(mti, processingCode, type60, type, null);
    }

    private boolean fieldsMatch(MessageView m) {
        if (field.isEmpty()) {
            return true;
        }
        for (Map.Entry<FieldRef, String> e : field.entrySet()) {
            FieldRef ref = e.getKey();
            if (!ref.isSub()) {
                if (!m.is(ref.field(), e.getValue())) {
                    return false;
                }
                continue;
            }
            SubLayout inner = m.layout().composite(ref.field());
            try {
                if (inner == null || !inner.defines(ref.sub()) || !e.getValue().equals(m.string(ref))) {
                    return false;
                }
            } catch (IllegalArgumentException badContent) {
                return false;
            }
        }
        return true;
    }

    /** The same test on a decoded request, reading DE3 and DE60.1 in place (no String per request). */
    boolean matches(String requestMti, MessageView m) {
        return mti.equals(requestMti) && ("*".equals(processingCode) || startsWith(m, 3, processingCode))
                && ("*".equals(type60) || m.length(60) >= 2 && startsWith(m, 60, type60) && type60.length() == 2)
                && fieldsMatch(m);
    }

    private static boolean startsWith(MessageView m, int field, String prefix) {
        if (m.length(field) < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (m.charAt(field, i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    boolean matches(String requestMti, String de3, String de60Type) {
        return mti.equals(requestMti) && field.isEmpty() // field conditions need the decoded request
                && ("*".equals(processingCode) || de3 != null && de3.startsWith(processingCode))
                && ("*".equals(type60) || type60.equals(de60Type));
    }
}
