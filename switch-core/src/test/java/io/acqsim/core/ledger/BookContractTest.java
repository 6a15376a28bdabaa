package io.acqsim.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link Book} contract on the memory store: every posting checks its transitions and the
 * money range before it moves anything, and a unit that fails leaves nothing behind.
 */
class BookContractTest {
    private static final String PAN = "4111110000000099";
    private static final String DIALECT = "iso87-ascii";

    private final LedgerStore ledger = new MemoryLedger(new AccountsConfig(true, 100_000L, "156", null), List.of(),
            Clock.systemUTC(), 1000);
    private int stan;

    private Transaction record(Book book, TxType type, long amount) {
        TraceKey key = new IsoTraceKey(DIALECT, "TERM0001", "MERCHANT0000001", String.format("%06d", ++stan));
        Transaction t = book.record(type, "0200", DIALECT, "TERM0001", "MERCHANT0000001", key.stan(), "000001",
                book.account(PAN), amount, key, "1122334455");
        book.indexOriginal(t);
        return t;
    }

    private Account.AccountView account() {
        return ledger.find(PAN).orElseThrow();
    }

    @Test
    void completionOfACancelledAuthorizationMovesNoMoney() {
        long authId = ledger.apply(book -> {
            Transaction auth = book.postAuth(record(book, TxType.AUTH, 3_000), null);
            book.postCancel(record(book, TxType.AUTH_CANCEL, 3_000), auth, null);
            return auth.id();
        });
        Account.AccountView before = account();
        int journaled = ledger.journalSize();
        assertThat(before.holds()).isZero();
        // The flows never ask for this; the Book must refuse it whole. Released first and checked
        // after (the old order), the hold went to -3000 and the balance down by 1000.
        assertThatThrownBy(() -> ledger.apply(book -> {
            Transaction auth = book.byRrn(ledger.transactions(v -> v.id() == authId, 1).get(0).rrn());
            return book.postCompletion(record(book, TxType.COMPLETION, 1_000), auth, null);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("CANCELLED");
        assertThat(account()).isEqualTo(before);
        assertThat(ledger.journalSize()).isEqualTo(journaled);
        assertThat(ledger.transactions(v -> v.id() == authId, 1).get(0).state()).isEqualTo("CANCELLED");
    }

    @Test
    void voidOfAVoidedSaleCreditsNothingTwice() {
        ledger.apply(book -> {
            Transaction sale = book.postSale(record(book, TxType.SALE, 2_500), null);
            return book.postVoid(record(book, TxType.VOID, 2_500), sale, null);
        });
        Account.AccountView before = account();
        assertThat(before.balance()).isEqualTo(100_000);
        assertThatThrownBy(() -> ledger.apply(book -> {
            Transaction sale = book.byKey(new IsoTraceKey(DIALECT, "TERM0001", "MERCHANT0000001", "000001"));
            return book.postVoid(record(book, TxType.VOID, 2_500), sale, null);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("VOIDED");
        assertThat(account()).isEqualTo(before);
    }

    @Test
    void everyTransitionTheBookMakesIsOneCanBecomeAllows() {
        // REVERSED is final: a reversal of a reversed sale is refused before the credit.
        Transaction[] sale = new Transaction[1];
        ledger.apply(book -> {
            sale[0] = book.postSale(record(book, TxType.SALE, 700), null);
            return book.reverse(record(book, TxType.REVERSAL, 700), sale[0], 0, null);
        });
        Account.AccountView before = account();
        assertThatThrownBy(() -> ledger.apply(book -> {
            Transaction s = book.byKey(new IsoTraceKey(DIALECT, "TERM0001", "MERCHANT0000001", "000001"));
            return book.reverse(record(book, TxType.REVERSAL, 700), s, 0, null);
        })).isInstanceOf(IllegalStateException.class);
        assertThat(account()).isEqualTo(before);
        assertThat(TxState.REVERSED.canBecome(TxState.REVERSED)).isFalse();
    }

    @Test
    void refundThatWouldTakeTheBalanceOutOfRangeIsDeclined61WithNoEffect() {
        ledger.put(PAN, Money.MAX_BALANCE, null);
        Transaction refund = ledger.apply(book -> book.postRefund(record(book, TxType.REFUND, 1_000), null, null));
        assertThat(refund.responseCode()).isEqualTo(Money.OUT_OF_RANGE).isEqualTo("61");
        assertThat(refund.state()).isEqualTo(TxState.DECLINED);
        assertThat(account().balance()).isEqualTo(Money.MAX_BALANCE);
        // and below the limit it is still a credit
        ledger.put(PAN, Money.MAX_BALANCE - 1_000, null);
        assertThat(ledger.apply(book -> book.postRefund(record(book, TxType.REFUND, 1_000), null, null))
                .responseCode()).isEqualTo("00");
        assertThat(account().balance()).isEqualTo(Money.MAX_BALANCE);
    }

    @Test
    void storeRefusesBalancesOutsideTheRange() {
        assertThatThrownBy(() -> ledger.put(PAN, Long.MAX_VALUE, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.put(PAN, Long.MIN_VALUE, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ledger.find(PAN)).isEmpty();
    }

    @Test
    void totalsAreKeptAsTransactionsChange() {
        ledger.apply(book -> {
            Transaction sale = book.postSale(record(book, TxType.SALE, 1_000), null);
            book.postSale(record(book, TxType.SALE, 500), null);
            return book.reverse(record(book, TxType.REVERSAL, 1_000), sale, 0, null);
        });
        long[] approvedSales = new long[2];
        long[] reversedSales = new long[2];
        ledger.totals((type, state, count, amount) -> {
            if (type == TxType.SALE && state == TxState.APPROVED) {
                approvedSales[0] = count;
                approvedSales[1] = amount;
            }
            if (type == TxType.SALE && state == TxState.REVERSED) {
                reversedSales[0] = count;
                reversedSales[1] = amount;
            }
        });
        assertThat(approvedSales).containsExactly(1, 500);
        assertThat(reversedSales).containsExactly(1, 1_000);
        Book.BatchTotals batch = ledger.apply(book -> book.batchTotals(DIALECT, "TERM0001", "MERCHANT0000001", "000001"));
        assertThat(batch).isEqualTo(new Book.BatchTotals(500, 1, 0, 0));
    }

    @Test
    void hostRrnsCarryTheNodeAndStillFindTheirOriginal() {
        MemoryLedger node7 = new MemoryLedger(new AccountsConfig(true, 100_000L, "156", null), List.of(),
                Clock.systemUTC(), 1000).node(7);
        Transaction sale = node7.apply(book -> {
            TraceKey key = new IsoTraceKey(DIALECT, "TERM0007", "MERCHANT0000001", "000001");
            Transaction t = book.record(TxType.SALE, "0200", DIALECT, "TERM0007", "MERCHANT0000001", "000001",
                    "000001", book.account(PAN), 100, key, "1122334455");
            return book.postSale(t, null);
        });
        assertThat(sale.rrn()).hasSize(12).startsWith("07").endsWith(String.valueOf(sale.id()));
        Transaction found = node7.apply(book -> book.byRrn(sale.rrn()));
        assertThat(found.id()).isEqualTo(sale.id());
        Transaction otherNode = node7.apply(book -> book.byRrn("00" + sale.rrn().substring(2)));
        assertThat(otherNode).isNull();
        assertThat(sale.authCode()).isEqualTo(String.format("%06d", sale.id() % 1_000_000));
    }
}
