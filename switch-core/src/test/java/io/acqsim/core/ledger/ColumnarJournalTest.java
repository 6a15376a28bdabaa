package io.acqsim.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.core.config.AccountsConfig;
import io.acqsim.core.reversal.CupTraceKey;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.reversal.TraceKey;
import io.acqsim.core.routing.TxType;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the columnar journal must keep exactly although a row is a slot of numbers: keys whose
 * hashes collide, a key filed again and taken out by a failed unit, and every value the columns
 * cannot hold as a number (kept beside the row) coming back as sent.
 */
class ColumnarJournalTest {
    private static final String PAN = "4111110000000099";
    private static final String DIALECT = "iso87-ascii";
    private static final String TERMINAL = "TERM0001";

    private final MemoryLedger ledger = new MemoryLedger(new AccountsConfig(true, 1_000_000L, "156", null),
            List.of(), Clock.systemUTC(), 10);

    private Transaction sale(Book book, IsoTraceKey key, long amount) {
        Transaction t = book.record(TxType.SALE, "0200", DIALECT, key.terminal(), key.merchant(), key.stan(), "000001",
                book.account(PAN), amount, key, "1122334455");
        book.indexOriginal(t);
        return book.postSale(t, null);
    }

    private long saleId(IsoTraceKey key, long amount) {
        return ledger.apply(book -> sale(book, key, amount).id());
    }

    private Long idOf(TraceKey key) {
        return ledger.apply(book -> {
            Transaction t = book.byKey(key);
            return t == null ? null : t.id();
        });
    }

    /**
     * Two keys of one terminal (one stripe) with equal hashes: STANs that are not numbers are hashed
     * as text, and "Aa" and "BB" have the same {@link String#hashCode}.
     */
    private static IsoTraceKey[] collidingKeys() {
        return new IsoTraceKey[] {new IsoTraceKey(DIALECT, TERMINAL, "MERCHANT0000001", "Aa"),
            new IsoTraceKey(DIALECT, TERMINAL, "MERCHANT0000001", "BB")};
    }

    @Test
    void keysWithTheSameHashFindTheirOwnRows() {
        IsoTraceKey[] keys = collidingKeys();
        assertThat(keys[0].hashCode()).isEqualTo(keys[1].hashCode());
        assertThat(keys[0]).isNotEqualTo(keys[1]);
        long a = saleId(keys[0], 100);
        long b = saleId(keys[1], 200);
        assertThat(idOf(keys[0])).isEqualTo(a);
        assertThat(idOf(keys[1])).isEqualTo(b);
        // The newer row forgotten (retention 10): the older one of the chain is still found, and vice versa.
        for (int s = 1; s <= 9; s++) {
            saleId(new IsoTraceKey(DIALECT, "OTHER001", "MERCHANT0000001", String.format("%06d", s)), 1);
        }
        assertThat(idOf(keys[0])).as("a is %d ids old: forgotten", ledger.journalSize()).isNull();
        assertThat(idOf(keys[1])).isEqualTo(b);
        saleId(new IsoTraceKey(DIALECT, "OTHER001", "MERCHANT0000001", "000010"), 1);
        assertThat(idOf(keys[1])).isNull();
        assertThat(ledger.journalSize()).isEqualTo(10);
    }

    @Test
    void aKeyFiledAgainByAFailedUnitFindsTheFirstRowAgain() {
        IsoTraceKey key = new IsoTraceKey(DIALECT, TERMINAL, "MERCHANT0000001", "000042");
        long first = saleId(key, 300);
        assertThatThrownBy(() -> ledger.apply(book -> {
            Transaction again = book.record(TxType.SALE, "0200", DIALECT, TERMINAL, "MERCHANT0000001", "000042",
                    "000001", book.account(PAN), 400, key, "1122334455");
            book.indexOriginal(again);
            assertThat(book.byKey(key).id()).isEqualTo(again.id());
            throw new IllegalStateException("the unit fails after filing the key again");
        })).hasMessageContaining("fails");
        assertThat(idOf(key)).isEqualTo(first);
        assertThat(ledger.find(PAN).orElseThrow().balance()).isEqualTo(1_000_000 - 300);
        assertThat(ledger.journalSize()).isEqualTo(1);
        assertThat(ledger.transactions(v -> true, 10)).extracting(TransactionView::id).containsExactly(first);
    }

    @Test
    void valuesTheColumnsCannotHoldComeBackAsSent() {
        CupTraceKey key = new CupTraceKey("T\u00e9rm 9", "MERCHANT0000009", "AB12", "12345");
        long id = ledger.apply(book -> {
            Transaction t = book.record(TxType.SALE, "02X0", "cup-pos", "T\u00e9rm 9", "MERCHANT0000009", "12345",
                    "AB12", book.account(PAN), 999, key, "9999999999");
            book.indexOriginal(t);
            return book.postSale(t, "ABC123456789").id();
        });
        TransactionView v = ledger.transactions(x -> x.id() == id, 1).get(0);
        assertThat(v.stan()).isEqualTo("12345");
        assertThat(v.mti()).isEqualTo("02X0");
        assertThat(v.batch()).isEqualTo("AB12");
        assertThat(v.rrn()).isEqualTo("ABC123456789");
        assertThat(v.terminal()).isEqualTo("T\u00e9rm 9");
        assertThat(v.authCode()).isEqualTo(String.format("%06d", id));
        assertThat(v.responseCode()).isEqualTo("00");
        assertThat(v.state()).isEqualTo("APPROVED");
        assertThat(v.effective()).isEqualTo(999);
        assertThat(idOf(key)).isEqualTo(id);
        assertThat(idOf(new CupTraceKey("T\u00e9rm 9", "MERCHANT0000009", "AB12", "012345"))).isNull();
        String discriminator = ledger.apply(book -> {
            Transaction t = book.byRrn("ABC123456789");
            return t == null ? null : t.discriminator();
        });
        assertThat(discriminator).isEqualTo("9999999999");
    }
}
