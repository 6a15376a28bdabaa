package io.acqsim.core.admin;

import io.acqsim.core.ledger.LedgerStore;
import io.acqsim.core.ledger.TransactionView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /transactions/export?format=jsonl|csv&terminal=&stan=&rrn=}: the whole journal (or
 * the part the filters pick), oldest first, as evidence for a test report. Each record has the
 * fields of {@code GET /transactions}; the PAN is masked.
 */
public final class ExportApi {
    static final List<String> COLUMNS = List.of("id", "time", "dialect", "type", "mti", "terminal", "merchant",
            "stan", "rrn", "authCode", "amount", "responseCode", "state", "pan", "related");

    private ExportApi() {
    }

    public static void register(AdminRoutes routes, LedgerStore ledger) {
        routes.add("GET", "/transactions/export", r -> {
            String format = r.query("format") == null || r.query("format").isEmpty() ? "jsonl" : r.query("format");
            Predicate<TransactionView> filter = v -> matches(r.query("terminal"), v.terminal())
                    && matches(r.query("stan"), v.stan()) && matches(r.query("rrn"), v.rrn());
            List<TransactionView> newestFirst = ledger.transactions(filter, Integer.MAX_VALUE);
            List<Map<String, Object>> rows = new ArrayList<>(newestFirst.size());
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                rows.add(TransactionsApi.json(newestFirst.get(i)));
            }
            return switch (format) {
                case "jsonl" -> AdminResponse.text("application/x-ndjson; charset=utf-8", jsonLines(rows));
                case "csv" -> AdminResponse.text("text/csv; charset=utf-8", csv(rows));
                default -> throw new HttpError(400, "format must be 'jsonl' or 'csv', got '" + format + "'");
            };
        });
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.isEmpty() || wanted.equals(actual);
    }

    private static String jsonLines(List<Map<String, Object>> rows) throws Exception {
        StringBuilder sb = new StringBuilder(rows.size() * 256);
        for (Map<String, Object> row : rows) {
            sb.append(Json.MAPPER.writeValueAsString(row)).append('\n');
        }
        return sb.toString();
    }

    /** RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
    private static String csv(List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder(rows.size() * 160);
        sb.append(String.join(",", COLUMNS)).append("\r\n");
        for (Map<String, Object> row : rows) {
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(cell(row.get(COLUMNS.get(i))));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s;
        if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder();
            for (Object o : list) {
                b.append(b.length() == 0 ? "" : " ").append(o);
            }
            s = b.toString();
        } else {
            s = String.valueOf(value);
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
