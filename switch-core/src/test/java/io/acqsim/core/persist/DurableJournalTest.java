package io.acqsim.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.CupPos;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.ledger.Account;
import io.acqsim.core.ledger.TransactionView;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --journal}: a restarted acqsim has the ledger it had, and carries on from it. */
class DurableJournalTest {
    private static final Dialect ASCII = Iso87Ascii.INSTANCE;
    private static final Dialect CUP = CupPos.INSTANCE;
    private static final String PAN = "4111110000000009";

    @TempDir
    Path journal;

    private static AcqsimServer start(Path journal) {
        AcqsimConfig config = RunningServer.shippedConfig();
        return AcqsimServer.start(config, Clock.systemDefaultZone(), journal);
    }

    private static List<TransactionView> all(AcqsimServer s) {
        return s.ledger().transactions(v -> true, 1_000_000);
    }

    private static List<Account.AccountView> accounts(AcqsimServer s) {
        return s.ledger().accounts().stream().sorted(Comparator.comparing(Account.AccountView::pan)).toList();
    }

    private static IsoFrame reversalOf(IsoFrame sale) throws Exception {
        IsoFrame r = Messages.sale(ASCII, sale.msg().getString(2), Long.parseLong(sale.msg().getString(4)),
                Integer.parseInt(sale.msg().getString(11)));
        r.msg().setMTI("0400");
        return r;
    }

    @Test
    void restartedServerHasTheSameLedgerAndCanReverseYesterdaysSale() throws Exception {
        List<TransactionView> before;
        List<Account.AccountView> accountsBefore;
        IsoFrame saleToReverse = Messages.sale(ASCII, PAN, 2_500, 12);
        try (AcqsimServer first = start(journal)) {
            AdminClient admin = new AdminClient(first.adminPort());
            assertThat(admin.put("/accounts/" + PAN, "{\"balance\": 50000, \"currency\": \"156\"}").status())
                    .isEqualTo(200);
            try (IsoClient c = new IsoClient(ASCII, first.port(ASCII.name()))) {
                assertThat(c.exchange(Messages.sale(ASCII, PAN, 1_000, 11)).msg().getString(39)).isEqualTo("00");
                assertThat(c.exchange(saleToReverse).msg().getString(39)).isEqualTo("00");
                assertThat(c.exchange(Messages.sale(ASCII, PAN, 900_005, 13)).msg().getString(39)).isEqualTo("05");
                assertThat(c.exchange(Messages.sale(ASCII, PAN, 3_000, 14)).msg().getString(39)).isEqualTo("00");
                assertThat(c.exchange(reversalOf(Messages.sale(ASCII, PAN, 3_000, 14))).msg().getString(39))
                        .isEqualTo("00");
            }
            try (IsoClient c = new IsoClient(CUP, first.port(CUP.name()))) {
                assertThat(c.exchange(Messages.sale(CUP, "6225880123456789", 700, 5)).msg().getString(39))
                        .isEqualTo("00");
            }
            before = all(first);
            accountsBefore = accounts(first);
        }
        assertThat(before).hasSizeGreaterThanOrEqualTo(6);

        try (AcqsimServer second = start(journal)) {
            assertThat(all(second)).isEqualTo(before);
            assertThat(accounts(second)).isEqualTo(accountsBefore);
            assertThat(second.ledger().find(PAN).orElseThrow().balance()).isEqualTo(50_000 - 1_000 - 2_500);

            try (IsoClient c = new IsoClient(ASCII, second.port(ASCII.name()))) {
                ISOMsg reversed = c.exchange(reversalOf(saleToReverse)).msg();
                assertThat(reversed.getString(39)).isEqualTo("00");
                ISOMsg next = c.exchange(Messages.sale(ASCII, PAN, 100, 15)).msg();
                assertThat(next.getString(39)).isEqualTo("00");
                assertThat(before).extracting(TransactionView::rrn).doesNotContain(next.getString(37));
            }
            assertThat(second.ledger().find(PAN).orElseThrow().balance()).isEqualTo(50_000 - 1_000 - 100);
            assertThat(all(second)).filteredOn(v -> "000012".equals(v.stan()) && v.type().equals("SALE"))
                    .extracting(TransactionView::state).containsExactly("REVERSED");
        }

        try (AcqsimServer third = start(journal)) {
            assertThat(third.ledger().find(PAN).orElseThrow().balance()).isEqualTo(50_000 - 1_000 - 100);
        }
    }
}
