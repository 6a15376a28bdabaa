package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.ledger.TxState;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.SharedServer;
import io.acqsim.core.testing.StripeHolder;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sale whose terminal's ledger stripe another thread holds (an admin read, or another event loop
 * on the same terminal) does not hold up its event loop: a sign-on sent after it on the same
 * connection is answered first, and the sale is answered, once, when the stripe is free. If the
 * event loop waited for the stripe, the sign-on's answer would not come while the holder holds it
 * and the client's read would time out.
 */
class LedgerStepNeverWaitsOverTcpTest {
    @RegisterExtension
    static final SharedServer acqsim = new SharedServer();

    private static final Dialect D = Dialects.byName("iso87-binary");
    private static final String TERMINAL = "TERMBUSY";
    private static final String PAN = "4761739001010010";

    @Test
    void aSaleWaitingForItsStripeLetsTheConnectionsNextMessageThroughAndIsAnsweredOnceFree() throws Exception {
        acqsim.admin().put("/accounts/" + PAN, "{\"balance\": 90000, \"currency\": \"156\"}");
        double deferredBefore = deferredTotal();
        try (StripeHolder holder = StripeHolder.hold(acqsim.server().ledger(),
                book -> book.batchFor(D.name(), TERMINAL, Messages.MERCHANT, null)); // the terminal's stripe
             IsoClient c = new IsoClient(D, acqsim.port(D.name()))) {
            IsoFrame sale = Messages.sale(D, PAN, 2500, 301);
            sale.msg().set(41, TERMINAL);
            IsoFrame signOn = Messages.signOn(D, 302);
            signOn.msg().set(41, TERMINAL);
            c.send(sale);
            c.send(signOn);

            ISOMsg first = c.receive().msg();
            assertThat(first.getMTI()).as("the sign-on, answered while the sale waits").isEqualTo("0810");
            assertThat(first.getString(11)).isEqualTo("000302");

            holder.release();
            ISOMsg second = c.receive().msg();
            assertThat(second.getMTI()).isEqualTo("0210");
            assertThat(second.getString(11)).isEqualTo("000301");
            assertThat(second.getString(39)).isEqualTo("00");
            assertThat(second.getString(37)).hasSize(12);
        }
        assertThat(acqsim.server().ledger().find(PAN).orElseThrow().balance()).isEqualTo(90000 - 2500);
        assertThat(acqsim.server().ledger().transactions(t -> TERMINAL.equals(t.terminal()), 10))
                .singleElement().satisfies(t -> {
                    assertThat(t.state()).isEqualTo(TxState.APPROVED.name());
                    assertThat(t.amount()).isEqualTo(2500);
                });
        assertThat(deferredTotal()).isEqualTo(deferredBefore + 1);
    }

    private static double deferredTotal() throws Exception {
        for (String line : acqsim.admin().get("/metrics").body().split("\n")) {
            if (line.startsWith("acqsim_ledger_deferred_total ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1));
            }
        }
        throw new AssertionError("no acqsim_ledger_deferred_total on /metrics");
    }
}
