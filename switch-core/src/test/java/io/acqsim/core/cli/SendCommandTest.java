package io.acqsim.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.testing.SharedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code acqsim send} round trips against a started acqsim, in-process, output captured. */
class SendCommandTest {
    private static final String PAN = "4111111111111111";
    @RegisterExtension
    static final SharedServer acqsim = new SharedServer();

    private record Run(int exit, String out, String err) {
    }

    private static Run send(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AcqsimCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "send";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cl.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String port(String dialect) {
        return String.valueOf(acqsim.server().port(dialect));
    }

    @Test
    void saleAndItsReversalRoundTripWithMaskedFieldTables() throws Exception {
        String pan = "4761739001010010";
        acqsim.admin().put("/accounts/" + pan, "{\"balance\": 100000, \"currency\": \"156\"}");
        Run sale = send("sale", "--pan", pan, "--amount", "12.34", "--stan", "4711", "--port", port("iso87-ascii"));
        assertThat(sale.exit()).as(sale.out() + sale.err()).isZero();
        assertThat(sale.out()).contains("0200 sale to 127.0.0.1:" + port("iso87-ascii") + " (iso87-ascii)")
                .contains("  4     000000001234").contains("  11    004711")
                .contains("0210 response after").contains("  39    00").contains("result: 00 approved")
                .contains("476173******0010").doesNotContain(pan);
        assertThat(acqsim.admin().balance(pan)).isEqualTo(100000 - 1234);

        Run reversal = send("reversal", "--pan", pan, "--amount", "12.34", "--stan", "4711",
                "--port", port("iso87-ascii"));
        assertThat(reversal.exit()).as(reversal.out()).isZero();
        assertThat(reversal.out()).contains("0400 reversal").contains("0410 response after").contains("  39    00");
        assertThat(acqsim.admin().balance(pan)).isEqualTo(100000);
    }

    @Test
    void cupSaleAndEchoOnTheCupListener() {
        Run sale = send("sale", "--dialect", "cup-pos", "--pan", "6225880123456789", "--amount", "1",
                "--port", port("cup-pos"));
        assertThat(sale.exit()).as(sale.out() + sale.err()).isZero();
        assertThat(sale.out()).contains("  60    22000001000").contains("  4     000000000100");
        Run echo = send("echo", "--dialect", "iso87-binary", "--port", port("iso87-binary"));
        assertThat(echo.exit()).as(echo.out()).isZero();
        assertThat(echo.out()).contains("0810 response after").contains("  70    301");
    }

    @Test
    void declineExitsOne() {
        Run r = send("sale", "--pan", PAN, "--amount", "9000.51", "--port", port("iso87-ascii"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("result: 51 declined");
    }

    @Test
    void noAnswerWithinTheTimeoutExitsThree() {
        Run r = send("sale", "--pan", PAN, "--amount", "9100.00", "--timeout", "300ms", "--port", port("iso87-ascii"));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("no response within 300ms");
    }

    @Test
    void connectionRefusedAndBadUsageExitTwo() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run refused = send("echo", "--port", String.valueOf(closed), "--timeout", "2s");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("acqsim send: 127.0.0.1:" + closed);
        Run badAmount = send("sale", "--pan", PAN, "--amount", "12.345");
        assertThat(badAmount.exit()).isEqualTo(2);
        assertThat(badAmount.err()).contains("--amount '12.345' must be positive with at most 2 decimals");
        Run noStan = send("reversal", "--pan", PAN, "--amount", "1");
        assertThat(noStan.exit()).isEqualTo(2);
        assertThat(noStan.err()).contains("a reversal needs --stan");
        Run kind = send("refnd");
        assertThat(kind.exit()).isEqualTo(2);
        assertThat(kind.err()).contains("KIND 'refnd' is not in the iso87-ascii catalogue (one of [sign-on,");
    }

    @Test
    void amountsAreMajorUnitsWithTwoDecimals() {
        assertThat(SendCommand.minorUnits("12.34")).isEqualTo(1234);
        assertThat(SendCommand.minorUnits("12")).isEqualTo(1200);
        assertThat(SendCommand.minorUnits("0.5")).isEqualTo(50);
        assertThat(SendCommand.minorUnits("9100.01")).isEqualTo(910001);
    }
}
