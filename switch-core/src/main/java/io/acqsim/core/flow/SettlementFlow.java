package io.acqsim.core.flow;

import io.acqsim.core.ledger.Book;
import io.acqsim.core.ledger.Transaction;
import io.acqsim.core.reversal.KeyRules;
import java.util.Map;

/**
 * Settlement 0500 批结算: closes the terminal's batch (CUP DE60.2, or the host's implicit ISO batch)
 * and compares the terminal's totals in DE48 (debit amount n12, debit count n3, credit amount
 * n12, credit count n3, reconciliation code n1; optionally the same 31 digits for foreign cards)
 * with the host's. The response carries DE48 with the host's code at position 31: {@code 1}
 * balanced, {@code 2} out of balance; foreign totals balance only when zero (the host keeps no
 * foreign cards). After settlement, voids and reversals of the batch are refused.
 */
final class SettlementFlow {
    static final int TOTALS_LENGTH = 31;

    private final String dialect;
    private final KeyRules keys;

    SettlementFlow(String dialect, KeyRules keys) {
        this.dialect = dialect;
        this.keys = keys;
    }

    Outcome handle(Book book, Request r) {
        String de48 = r.field(48);
        String terminalBatch = keys.batch(r.msg());
        String batch = book.batchFor(dialect, r.terminal(), r.merchant(), terminalBatch);
        Book.BatchTotals host = book.settle(dialect, r.terminal(), r.merchant(), batch, terminalBatch == null);
        String expected = String.format("%012d%03d%012d%03d", host.debitAmount(), host.debitCount() % 1000,
                host.creditAmount(), host.creditCount() % 1000);
        boolean balanced = de48.startsWith(expected);
        StringBuilder answer = new StringBuilder(de48);
        answer.setCharAt(TOTALS_LENGTH - 1, balanced ? '1' : '2');
        if (de48.length() >= 2 * TOTALS_LENGTH) {
            boolean foreignZero = de48.substring(TOTALS_LENGTH, 2 * TOTALS_LENGTH - 1).chars().allMatch(c -> c == '0');
            answer.setCharAt(2 * TOTALS_LENGTH - 1, foreignZero ? '1' : '2');
        }
        Transaction t = book.record(r.type(), r.mti(), dialect, r.terminal(), r.merchant(), r.stan(), batch, null,
                host.debitAmount(), null, null);
        book.approve(t, null);
        return Outcome.of(t, Map.of(48, answer.toString()));
    }

    /** Whether a DE48 can be read as settlement totals. */
    static boolean isTotals(String de48) {
        return de48 != null && de48.length() >= TOTALS_LENGTH && de48.chars().limit(TOTALS_LENGTH)
                .allMatch(Character::isDigit);
    }
}
