package io.acqsim.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.testing.SharedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code acqsim send --emv} and {@code --pin} against a started acqsim with the shipped test keys. */
class SendChipTest {
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
        return new Run(cl.execute(all), out.toString(), err.toString());
    }

    private static String port(String dialect) {
        return String.valueOf(acqsim.server().port(dialect));
    }

    @Test
    void emvSaleGetsAnArpcTheCardAccepts() throws Exception {
        String pan = "4761739001010309";
        acqsim.admin().put("/accounts/" + pan, "{\"balance\": 100000, \"pin\": \"1234\"}");
        Run r = send("sale", "--pan", pan, "--amount", "12.00", "--emv", "--pin", "1234", "--port", port("iso87-binary"),
                "--dialect", "iso87-binary");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  55    9F26=").contains("  52    [8 bytes hidden]")
                .contains("card: tag 91 verifies").contains("result: 00 approved").doesNotContain(pan);
        assertThat(acqsim.admin().balance(pan)).isEqualTo(100000 - 1200);
    }

    @Test
    void mastercardOnCupAndAWrongPin() throws Exception {
        String pan = "5413330089010317";
        acqsim.admin().put("/accounts/" + pan, "{\"balance\": 100000, \"pin\": \"1234\"}");
        Run ok = send("sale", "--dialect", "cup-pos", "--pan", pan, "--amount", "3", "--emv", "mc20",
                "--port", port("cup-pos"));
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("card: tag 91 verifies");

        Run wrong = send("sale", "--pan", pan, "--amount", "3", "--pin", "9999", "--expect", "55",
                "--port", port("iso87-ascii"));
        assertThat(wrong.exit()).as(wrong.out() + wrong.err()).isZero();
        assertThat(wrong.out()).contains("result: 55 declined (as expected)").doesNotContain("9999");
    }

    @Test
    void badChipOptionsAreUsageErrors() {
        Run r = send("sale", "--pan", "4761739001010010", "--amount", "1", "--emv", "amex", "--port", port("iso87-ascii"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--emv 'amex' is not one of");
        Run p = send("echo", "--pin", "1234", "--port", port("iso87-ascii"));
        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.err()).contains("--pin needs --pan");
    }
}
