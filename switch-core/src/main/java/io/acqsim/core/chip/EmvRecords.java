package io.acqsim.core.chip;

import io.acqsim.codec.emv.EmvData;
import io.acqsim.codec.emv.EmvMasking;
import io.acqsim.codec.emv.EmvTags;
import io.acqsim.codec.emv.Tlv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The decoded DE55 of recent chip transactions, by RRN, for the admin API's transaction view:
 * request and response tags, card data hidden. The newest {@value #MAX} are kept; nothing here
 * touches the ledger.
 */
public final class EmvRecords {
    static final int MAX = 10_000;

    private final ConcurrentHashMap<String, Map<String, Object>> byRrn = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    /** Remembers a chip transaction's DE55 (and the response's, or null) with the ARQC verdict. */
    public void put(String rrn, EmvData request, EmvData response, String arqc) {
        if (rrn == null || request == null) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request", tags(request.objects()));
        if (response != null) {
            m.put("response", tags(response.objects()));
        }
        if (arqc != null) {
            m.put("arqc", arqc);
        }
        if (byRrn.put(rrn, m) == null) {
            order.add(rrn);
            if (size.incrementAndGet() > MAX) {
                String oldest = order.poll();
                if (oldest != null) {
                    byRrn.remove(oldest);
                    size.decrementAndGet();
                }
            }
        }
    }

    /** The record of this RRN, or null. */
    public Map<String, Object> get(String rrn) {
        return rrn == null ? null : byRrn.get(rrn);
    }

    public void clear() {
        byRrn.clear();
        order.clear();
        size.set(0);
    }

    private static List<Map<String, Object>> tags(List<Tlv> objects) {
        List<Map<String, Object>> out = new ArrayList<>(objects.size());
        for (Tlv t : objects) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tag", t.tagHex());
            String name = EmvTags.name(t.tag());
            if (!name.isEmpty()) {
                m.put("name", name);
            }
            if (t.isConstructed()) {
                m.put("children", tags(t.children()));
            } else {
                m.put("value", EmvMasking.value(t));
            }
            out.add(m);
        }
        return out;
    }
}
