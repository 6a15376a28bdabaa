package io.acqsim.core.admin;

import io.acqsim.core.rules.ReversalWatch;
import io.acqsim.core.session.TerminalSessions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /terminals?limit=}: the terminals the host has heard from, by terminal id (default the
 * first 1000; how many reversals each owes, no reuse details); {@code GET /terminals/{tid}}: one
 * terminal's session (signed on, batch, last STAN, STAN reuses, last seen, dialect, connection) and
 * the reversals it owes according to the reversal watch.
 */
public final class TerminalsApi {
    private TerminalsApi() {
    }

    public static void register(AdminRoutes routes, TerminalSessions sessions, ReversalWatch watch) {
        routes.add("GET", "/terminals", r -> {
            Map<String, Long> owed = new java.util.HashMap<>();
            for (Map<String, Object> w : watch.summary()) {
                owed.put(String.valueOf(w.get("terminal")), ((Number) w.get("waiting")).longValue()
                        + ((Number) w.get("overdue")).longValue());
            }
            int limit = r.queryInt("limit", 1000, 1, 1_000_000);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> t : sessions.list(limit)) {
                Map<String, Object> m = new LinkedHashMap<>(t);
                m.remove("reuses");
                m.put("owedReversals", owed.getOrDefault(String.valueOf(t.get("terminal")), 0L));
                out.add(m);
            }
            return out;
        });
        routes.add("GET", "/terminals/{tid}", r -> {
            String tid = r.param("tid");
            Map<String, Object> session = sessions.describe(tid);
            if (session == null) {
                throw new HttpError(404, "no terminal '" + tid + "' has spoken to this host since it started");
            }
            Map<String, Object> m = new LinkedHashMap<>(session);
            m.put("owedReversals", owed(watch.describe(tid)));
            return m;
        });
    }

    /** The watch's withheld responses that are still waiting for their reversal or are overdue. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> owed(Map<String, Object> watch) {
        List<Map<String, Object>> owed = new ArrayList<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) watch.get("entries")) {
            Object status = e.get("status");
            if (ReversalWatch.Status.WAITING.name().equals(status) || ReversalWatch.Status.OVERDUE.name().equals(status)) {
                owed.add(e);
            }
        }
        return owed;
    }
}
