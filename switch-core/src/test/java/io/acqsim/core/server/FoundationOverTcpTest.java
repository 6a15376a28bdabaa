package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.CupPos;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.codec.framing.Tpdu;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.SharedServer;
import java.util.stream.Stream;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sign-on and sale on every dialect, over real TCP against a started acqsim.server(). */
class FoundationOverTcpTest {
    @RegisterExtension
    static final SharedServer acqsim = new SharedServer();

    static Stream<Dialect> dialects() {
        return Dialects.all().stream();
    }

    private static IsoClient client(Dialect d) throws Exception {
        return new IsoClient(d, acqsim.server().port(d.name()));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void signOnIsAnswered0810WithEchoedFields(Dialect dialect) throws Exception {
        try (IsoClient c = client(dialect)) {
            IsoFrame rsp = c.exchange(Messages.signOn(dialect, 17));
            ISOMsg m = rsp.msg();
            assertThat(m.getMTI()).isEqualTo(Messages.mti(dialect, "0810"));
            assertThat(m.getString(39)).isEqualTo(dialect.is1993() ? "800" : "00");
            assertThat(m.getString(11)).isEqualTo("000017");
            assertThat(m.getString(41)).isEqualTo(Messages.TERMINAL);
            if (dialect.hasTpdu()) {
                assertThat(rsp.tpdu()).isEqualTo(new Tpdu(0x60, 0x0000, 0x0006));
            }
            if (dialect instanceof CupPos) {
                assertThat(rsp.header()).isEqualTo(Messages.CUP_HEADER);
            } else if (dialect.is1993()) {
                assertThat(m.getString(24)).isEqualTo("801");
            } else {
                assertThat(m.getString(70)).isEqualTo("001");
                assertThat(m.getString(7)).isEqualTo("1122334455");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void saleIsApprovedAndDebitsTheAccount(Dialect dialect) throws Exception {
        String pan = "62258800000" + String.format("%05d", dialect.name().hashCode() & 0xFFFF);
        acqsim.admin().put("/accounts/" + pan, "{\"balance\": 50000, \"currency\": \"156\"}");
        try (IsoClient c = client(dialect)) {
            ISOMsg m = c.exchange(Messages.sale(dialect, pan, 1050, 42)).msg();
            assertThat(m.getMTI()).isEqualTo(Messages.mti(dialect, "0210"));
            assertThat(m.getString(39)).isEqualTo(Messages.code(dialect, "00"));
            assertThat(m.getString(4)).isEqualTo("000000001050");
            assertThat(m.getString(11)).isEqualTo("000042");
            assertThat(m.getString(2)).isEqualTo(pan);
            assertThat(m.getString(37)).hasSize(12);
            assertThat(m.getString(38)).hasSize(6);
        }
        assertThat(acqsim.admin().balance(pan)).isEqualTo(50000 - 1050);
        assertThat(acqsim.server().ledger().find(pan).orElseThrow().balance()).isEqualTo(50000 - 1050);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void saleOnZeroBalanceCardIsDeclined51WithoutApprovalCode(Dialect dialect) throws Exception {
        try (IsoClient c = client(dialect)) {
            ISOMsg m = c.exchange(Messages.sale(dialect, "4000000000000002", 100, 7)).msg();
            assertThat(m.getString(39)).isEqualTo(Messages.code(dialect, "51"));
            assertThat(m.hasField(38)).isFalse();
            assertThat(m.getString(37)).hasSize(12);
        }
        assertThat(acqsim.admin().balance("4000000000000002")).isZero();
    }

    @Test
    void retrievalReferenceNumbersAreUniqueAcrossSales() throws Exception {
        Dialect d = Dialects.byName("iso87-ascii");
        try (IsoClient c = client(d)) {
            String first = c.exchange(Messages.sale(d, "4111111111111111", 1, 100)).msg().getString(37);
            String second = c.exchange(Messages.sale(d, "4111111111111111", 1, 101)).msg().getString(37);
            assertThat(first).isNotEqualTo(second);
        }
    }

    @Test
    void requestCarryingAnRrnKeepsIt() throws Exception {
        Dialect d = Dialects.byName("iso87-binary");
        try (IsoClient c = client(d)) {
            IsoFrame sale = Messages.sale(d, "4111111111111111", 1, 102);
            sale.msg().set(37, "ABC123456789");
            assertThat(c.exchange(sale).msg().getString(37)).isEqualTo("ABC123456789");
        }
    }
}
