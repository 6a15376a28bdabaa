package io.acqsim.core.flow;

import io.acqsim.core.ledger.Book;
import io.acqsim.core.ledger.Transaction;
import io.acqsim.core.reversal.KeyRules;
import java.util.HashMap;
import java.util.Map;

/**
 * Settlement 0500 批结算 (ISO 1993: reconciliation 1500): closes the terminal's batch (CUP DE60.2,
 * or the host's implicit ISO batch) and compares the terminal's totals, when it sends any, with
 * the host's (PROTOCOL.md §2):
 * <ul>
 *   <li>CUP-style DE48 (debit amount n12, debit count n3, credit amount n12, credit count n3,
 *       reconciliation code n1; optionally the same 31 digits for foreign cards): answered
 *       {@code 00} with DE48 carrying the host's code at position 31, {@code 1} balanced,
 *       {@code 2} out of balance; foreign totals balance only when zero;</li>
 *   <li>ISO reconciliation fields (DE74 credits number, DE75 credit reversals number, DE76 debits
 *       number, DE77 debit reversals number, DE86–DE89 the matching amounts, DE97 net amount):
 *       balanced when each net total (number or amount less its reversals) and DE97 agree with
 *       the host's; answered {@code 00} (1993: {@code 500}) or {@code 95} (1993: {@code 501}),
 *       carrying the host's totals in the same fields;</li>
 *   <li>no totals: the batch is closed unchecked and answered {@code 00}.</li>
 * </ul>
 * After settlement, voids and reversals of the batch are refused.
 */
final class SettlementFlow {
    static final int TOTALS_LENGTH = 31;
    /** The ISO reconciliation fields a terminal may send. */
    static final int[] ISO_TOTALS = {74, 75, 76, 77, 86, 87, 88, 89, 97};

    private final String dialect;
    private final KeyRules keys;

    SettlementFlow(String dialect, KeyRules keys) {
        this.dialect = dialect;
        this.keys = keys;
    }

    Outcome handle(Book book, Request r) {
        String terminalBatch = keys.batch(r.view());
        String batch = book.batchFor(dialect, r.terminal(), r.merchant(), terminalBatch);
        Book.BatchTotals host = book.batchTotals(dialect, r.terminal(), r.merchant(), batch);
        String de48 = r.field(48);
        boolean cup = isTotals(de48);
        boolean iso = !cup && hasIsoTotals(r);
        boolean balanced = !iso || isoBalanced(r, host); // reads (and may refuse) the request before any change
        Transaction t = book.record(r.type(), r.mti(), dialect, r.terminal(), r.merchant(), r.stan(), batch, null,
                host.debitAmount(), null, null);
        book.settle(dialect, r.terminal(), r.merchant(), batch, terminalBatch == null);
        book.approve(t, null);
        if (cup) {
            return Outcome.of(t, Map.of(48, cupAnswer(de48, host)));
        }
        if (!iso) {
            return Outcome.of(t);
        }
        String code = balanced ? ResponseCode.APPROVED.code() : ResponseCode.RECONCILE_ERROR.code();
        return new Outcome(code, t.rrn(), null, isoAnswer(host), false);
    }

    private static String cupAnswer(String de48, Book.BatchTotals host) {
        String expected = String.format("%012d%03d%012d%03d", host.debitAmount(), host.debitCount() % 1000,
                host.creditAmount(), host.creditCount() % 1000);
        boolean balanced = de48.startsWith(expected);
        StringBuilder answer = new StringBuilder(de48);
        answer.setCharAt(TOTALS_LENGTH - 1, balanced ? '1' : '2');
        if (de48.length() >= 2 * TOTALS_LENGTH) {
            boolean foreignZero = de48.substring(TOTALS_LENGTH, 2 * TOTALS_LENGTH - 1).chars().allMatch(c -> c == '0');
            answer.setCharAt(2 * TOTALS_LENGTH - 1, foreignZero ? '1' : '2');
        }
        return answer.toString();
    }

    static boolean hasIsoTotals(Request r) {
        for (int f : ISO_TOTALS) {
            if (r.view().has(f)) {
                return true;
            }
        }
        return false;
    }

    /** Net of reversals, field by field; a field the terminal leaves out counts as zero. */
    private static boolean isoBalanced(Request r, Book.BatchTotals host) {
        return number(r, 74) - number(r, 75) == host.creditCount()
                && number(r, 76) - number(r, 77) == host.debitCount()
                && number(r, 86) - number(r, 87) == host.creditAmount()
                && number(r, 88) - number(r, 89) == host.debitAmount()
                && (!r.view().has(97) || net(host).equals(r.field(97)));
    }

    private static long number(Request r, int field) {
        String v = r.field(field);
        if (v == null || v.isEmpty()) {
            return 0;
        }
        if (!v.chars().allMatch(Character::isDigit) || v.length() > 18) {
            throw new IllegalArgumentException("DE" + field + " '" + v + "' is not a reconciliation total");
        }
        return Long.parseLong(v);
    }

    /** DE97, x+n16: {@code D} when the batch's debits exceed its credits, else {@code C}, then the difference. */
    static String net(Book.BatchTotals host) {
        long net = host.debitAmount() - host.creditAmount();
        return (net > 0 ? "D" : "C") + String.format("%016d", Math.abs(net));
    }

    private static Map<Integer, String> isoAnswer(Book.BatchTotals host) {
        Map<Integer, String> m = new HashMap<>();
        m.put(74, String.format("%010d", host.creditCount()));
        m.put(75, "0000000000");
        m.put(76, String.format("%010d", host.debitCount()));
        m.put(77, "0000000000");
        m.put(86, String.format("%016d", host.creditAmount()));
        m.put(87, "0000000000000000");
        m.put(88, String.format("%016d", host.debitAmount()));
        m.put(89, "0000000000000000");
        m.put(97, net(host));
        return m;
    }

    /** Whether a DE48 can be read as CUP settlement totals. */
    static boolean isTotals(String de48) {
        return de48 != null && de48.length() >= TOTALS_LENGTH && de48.chars().limit(TOTALS_LENGTH)
                .allMatch(Character::isDigit);
    }
}
