package com.example.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.testkit.AcqsimExtension;
import io.acqsim.testkit.Rule;
import io.acqsim.testkit.Transaction;
import io.acqsim.testkit.WithheldResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user's test of their payment client against acqsim, written only with the testkit's public
 * API (README "Developer kit"): the README's example is this class.
 */
class PaymentClientTest {
    @RegisterExtension
    static final AcqsimExtension acqsim = AcqsimExtension.shipped().resetBeforeEach();

    static final String CARD = "4111111111111111";

    @Test
    void approvedSaleDebitsTheCard() throws Exception {
        acqsim.accounts().put(CARD, 100_00);

        try (PaymentClient client = new PaymentClient(acqsim.host(), acqsim.port("iso87-ascii"), "TERM0001", 5000)) {
            PaymentClient.Result r = client.sale(CARD, 25_00);

            assertThat(r.responseCode()).isEqualTo("00");
            assertThat(acqsim.accounts().get(CARD).balance()).isEqualTo(75_00);
            Transaction t = acqsim.transactions().byRrn(r.rrn()).orElseThrow();
            assertThat(t.type()).isEqualTo("SALE");
            assertThat(t.state()).isEqualTo("APPROVED");
            assertThat(t.amount()).isEqualTo(25_00);
        }
    }

    @Test
    void declineArmedOnceAppliesToTheNextSaleOnly() throws Exception {
        acqsim.accounts().put(CARD, 100_00);
        acqsim.rules().arm(Rule.when().terminal("TERM0002").mti("0200").respond("05").times(1));

        try (PaymentClient client = new PaymentClient(acqsim.host(), acqsim.port("iso87-ascii"), "TERM0002", 5000)) {
            assertThat(client.sale(CARD, 10_00).responseCode()).isEqualTo("05");
            assertThat(client.sale(CARD, 10_00).responseCode()).isEqualTo("00");
        }
        assertThat(acqsim.accounts().get(CARD).balance()).isEqualTo(90_00);
    }

    @Test
    void lostResponseIsReversedByTheClientAndTheMoneyComesBack() throws Exception {
        acqsim.accounts().put(CARD, 100_00);
        acqsim.rules().arm(Rule.when().terminal("TERM0003").dropResponse().times(1));

        try (PaymentClient client = new PaymentClient(acqsim.host(), acqsim.port("iso87-ascii"), "TERM0003", 700)) {
            PaymentClient.Result r = client.sale(CARD, 40_00);

            assertThat(r.reversed()).isTrue();
        }
        assertThat(acqsim.accounts().get(CARD).balance()).isEqualTo(100_00);
        List<Transaction> sale = acqsim.transactions().byTerminalAndStan("TERM0003", "000001");
        assertThat(sale).extracting(Transaction::type).contains("SALE", "REVERSAL");
        assertThat(sale).filteredOn(t -> t.type().equals("SALE")).singleElement()
                .extracting(Transaction::state).isEqualTo("REVERSED");
        List<WithheldResponse> watch = acqsim.reversalWatch().of("TERM0003");
        assertThat(watch).singleElement().satisfies(w -> {
            assertThat(w.status()).isEqualTo("REVERSED");
            assertThat(w.reversalMtis()).containsExactly("0400");
        });
        assertThat(acqsim.reversalWatch().owed("TERM0003")).isEmpty();
    }

    @Test
    void resetBeforeEachTestLeavesNoRunTimeRulesBehind() {
        assertThat(acqsim.rules().list()).allSatisfy(r -> assertThat(r.description().get("source")).isEqualTo("file"));
        acqsim.rules().arm(Rule.when().amount(1).respond("51"));
        assertThat(acqsim.rules().list()).anySatisfy(r -> assertThat(r.description().get("source")).isNotEqualTo("file"));
        acqsim.rules().clear();
        assertThat(acqsim.rules().list()).allSatisfy(r -> assertThat(r.description().get("source")).isEqualTo("file"));
    }
}
