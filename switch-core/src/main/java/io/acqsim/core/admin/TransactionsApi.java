package io.acqsim.core.admin;

import io.acqsim.core.chip.EmvRecords;
import io.acqsim.core.ledger.LedgerStore;
import io.acqsim.core.ledger.TransactionView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** {@code GET /transactions?terminal=&stan=&rrn=&limit=} and {@code POST /reset}. */
public final class TransactionsApi {
    private TransactionsApi() {
    }

    public static void register(AdminRoutes routes, LedgerStore ledger, Runnable reset) {
        register(routes, ledger, reset, new EmvRecords());
    }

    /** @param emv decoded DE55 of chip transactions, shown as {@code "emv"} (card data hidden) */
    public static void register(AdminRoutes routes, LedgerStore ledger, Runnable reset, EmvRecords emv) {
        routes.add("GET", "/transactions", r -> {
            int limit = r.queryInt("limit", 100, 1, 100_000);
            Predicate<TransactionView> filter = v -> matches(r.query("terminal"), v.terminal())
                    && matches(r.query("stan"), v.stan()) && matches(r.query("rrn"), v.rrn());
            return ledger.transactions(filter, limit).stream().map(v -> {
                Map<String, Object> m = json(v);
                Map<String, Object> chip = emv.get(v.rrn());
                if (chip != null) {
                    m.put("emv", chip);
                }
                return m;
            }).toList();
        });
        routes.add("POST", "/reset", r -> {
            reset.run();
            return Map.of("status", "reset");
        });
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.isEmpty() || wanted.equals(actual);
    }

    /**
     * The JSON shape of PROTOCOL.md §7 (PAN masked), plus dialect, merchant, the amount still in
     * effect (after partial reversals), the batch and how many reversal repeats were replayed, and
     * the node that posted it when several nodes share the ledger.
     */
    public static Map<String, Object> json(TransactionView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("type", v.type());
        m.put("mti", v.mti());
        m.put("dialect", v.dialect());
        m.put("terminal", v.terminal());
        m.put("merchant", v.merchant());
        m.put("stan", v.stan());
        m.put("rrn", v.rrn());
        m.put("authCode", v.authCode());
        m.put("amount", v.amount());
        m.put("effective", v.effective());
        m.put("responseCode", v.responseCode());
        m.put("state", v.state());
        m.put("time", Instant.ofEpochMilli(v.time()).toString());
        m.put("pan", io.acqsim.codec.field.Masking.pan(v.pan()));
        m.put("batch", v.batch());
        m.put("repeats", v.repeats());
        m.put("related", v.related());
        if (v.node() != null) {
            m.put("node", v.node());
        }
        return m;
    }
}
