package io.acqsim.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.testing.SharedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code acqsim send} for every kind of the ISO 1987 and CUP catalogues, over TCP, with the ledger checked. */
class SendCatalogueTest {
    @RegisterExtension
    static final SharedServer acqsim = new SharedServer();

    record Run(int exit, String out, String err) {
        /** A response field's value from the printed table (the second table: the response). */
        String response(int field) {
            String rsp = out.substring(out.lastIndexOf("response after"));
            Matcher m = Pattern.compile("\\n  " + field + "\\s+(\\S+)").matcher(rsp);
            return m.find() ? m.group(1) : null;
        }
    }

    static Run send(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AcqsimCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("send"));
        all.addAll(List.of(args));
        return new Run(cl.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    static String target(String listener) {
        return "127.0.0.1:" + acqsim.port(listener);
    }

    static Run ok(String... args) {
        Run r = send(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
        return r;
    }

    @Test
    void isoNetworkManagementKinds() {
        for (String listener : List.of("iso87-ascii", "iso87-binary")) {
            String to = target(listener);
            assertThat(ok("sign-on", "--target", to, "--dialect", listener).response(70)).isEqualTo("001");
            assertThat(ok("sign-off", "--target", to, "--dialect", listener).response(70)).isEqualTo("002");
            assertThat(ok("echo", "--target", to, "--dialect", listener).response(70)).isEqualTo("301");
            Run keys = send("key-exchange", "--target", to, "--dialect", listener);
            assertThat(keys.exit()).as(keys.out()).isIn(0, 1);
            assertThat(keys.out()).contains("0810 response after").contains("  70    101");
        }
    }

    @Test
    void isoSaleVoidRefundReversalAdviceBalanceAndSettlement() throws Exception {
        String to = target("iso87-ascii");
        String pan = "4111110000001001";
        acqsim.admin().put("/accounts/" + pan, "{\"balance\": 100000}");
        String[] card = {"--target", to, "--pan", pan, "--terminal", "SEND0001", "--merchant", "MERCHANT0000001"};

        Run sale = ok(cat(card, "sale", "--amount", "100", "--stan", "1"));
        String saleRrn = sale.response(37);
        assertThat(acqsim.admin().balance(pan)).isEqualTo(90000);
        Run refund = ok(cat(card, "refund", "--amount", "30", "--stan", "2", "--rrn", saleRrn));
        assertThat(refund.out()).contains("0200 refund").contains("  3     200000");
        assertThat(acqsim.admin().balance(pan)).isEqualTo(93000);

        Run sale2 = ok(cat(card, "sale", "--amount", "10", "--stan", "3"));
        ok(cat(card, "void", "--amount", "10", "--stan", "4", "--rrn", sale2.response(37)));
        assertThat(acqsim.admin().balance(pan)).isEqualTo(93000);

        ok(cat(card, "sale", "--amount", "5", "--stan", "5"));
        assertThat(ok(cat(card, "reversal", "--amount", "5", "--stan", "5")).out()).contains("0410 response after");
        ok(cat(card, "sale", "--amount", "7", "--stan", "6"));
        assertThat(ok(cat(card, "advice", "--amount", "7", "--stan", "6")).out()).contains("0430 response after");
        assertThat(acqsim.admin().balance(pan)).isEqualTo(93000);

        Run balance = ok(cat(card, "balance"));
        assertThat(balance.out()).contains("0200 balance").contains("  3     310000");
        assertThat(balance.response(54)).contains("930");

        Run settle = ok("settlement", "--target", to, "--terminal", "SEND0001", "--merchant", "MERCHANT0000001");
        assertThat(settle.out()).contains("0500 settlement").contains("0510 response after");
    }

    @Test
    void isoAuthorizationAndCompletion() throws Exception {
        String to = target("iso87-binary");
        String pan = "4111110000001002";
        acqsim.admin().put("/accounts/" + pan, "{\"balance\": 100000}");
        Run auth = ok("auth", "--target", to, "--dialect", "iso87-binary", "--pan", pan, "--amount", "200",
                "--terminal", "SEND0002", "--stan", "201");
        assertThat(auth.out()).contains("0100 auth").contains("0110 response after");
        assertThat(acqsim.admin().available(pan)).isEqualTo(80000);
        ok("completion", "--target", to, "--dialect", "iso87-binary", "--pan", pan, "--amount", "150",
                "--terminal", "SEND0002", "--stan", "202", "--rrn", auth.response(37), "--auth-code", auth.response(38));
        assertThat(acqsim.admin().balance(pan)).isEqualTo(85000);
        assertThat(acqsim.admin().available(pan)).isEqualTo(85000);
    }

    @Test
    void cupCatalogueSignsOnFirstAndCoversEveryKind() throws Exception {
        String to = target("cup-pos");
        String pan = "6222020000001003";
        acqsim.admin().put("/accounts/" + pan, "{\"balance\": 100000}");
        String[] c = {"--target", to, "--dialect", "cup-pos", "--pan", pan, "--terminal", "CUPS0001",
                "--merchant", "898310000000001"};

        assertThat(ok("sign-on", "--target", to, "--dialect", "cup-pos", "--terminal", "CUPS0001").out())
                .contains("  60    00000001003").doesNotContain("signed on first");
        ok("echo", "--target", to, "--dialect", "cup-pos");

        Run sale = ok(cat(c, "sale", "--amount", "100", "--stan", "11"));
        assertThat(sale.out()).contains("signed on first: 0810 39=00");
        ok(cat(c, "void", "--amount", "100", "--stan", "12", "--orig-stan", "11"));
        Run sale2 = ok(cat(c, "sale", "--amount", "50", "--stan", "13"));
        ok(cat(c, "refund", "--amount", "20", "--stan", "14", "--rrn", sale2.response(37),
                "--orig-date", sale2.response(13)));
        ok(cat(c, "sale", "--amount", "9", "--stan", "15"));
        ok(cat(c, "reversal", "--amount", "9", "--stan", "15"));
        assertThat(acqsim.admin().balance(pan)).isEqualTo(100000 - 5000 + 2000);

        Run auth = ok(cat(c, "auth", "--amount", "300", "--stan", "16"));
        assertThat(acqsim.admin().available(pan)).isEqualTo(97000 - 30000);
        ok(cat(c, "completion", "--amount", "250", "--stan", "17", "--auth-code", auth.response(38)));
        ok(cat(c, "completion-void", "--amount", "250", "--stan", "18", "--orig-stan", "17",
                "--auth-code", auth.response(38)));
        Run auth2 = ok(cat(c, "auth", "--amount", "40", "--stan", "19"));
        ok(cat(c, "auth-cancel", "--amount", "40", "--stan", "20", "--orig-stan", "19",
                "--auth-code", auth2.response(38)));

        Run balance = ok(cat(c, "balance", "--stan", "21"));
        assertThat(balance.response(54)).isNotNull();
        Run settle = ok("settlement", "--target", to, "--dialect", "cup-pos", "--terminal", "CUPS0001",
                "--merchant", "898310000000001", "--stan", "22");
        assertThat(settle.out()).contains("0510 response after");
    }

    @Test
    void iso1993SpeaksOneThousandMtisAndActionCodes() throws Exception {
        String to = target("iso93-ascii");
        String pan = "4111110000001093";
        acqsim.admin().put("/accounts/" + pan, "{\"balance\": 100000}");
        Run signOn = ok("sign-on", "--target", to, "--dialect", "iso93-ascii");
        assertThat(signOn.out()).contains("1804 sign-on").contains("  24    801").contains("1814 response after")
                .contains("result: 800 approved");
        ok("echo", "--target", to, "--dialect", "iso93-ascii");
        String[] c = {"--target", to, "--dialect", "iso93-ascii", "--pan", pan, "--terminal", "SEND9301",
                "--merchant", "MERCHANT0000001"};
        Run sale = ok(cat(c, "sale", "--amount", "10", "--stan", "931"));
        assertThat(sale.out()).contains("1200 sale").contains("1210 response after").contains("result: 000 approved");
        assertThat(acqsim.admin().balance(pan)).isEqualTo(99000);
        ok(cat(c, "reversal", "--amount", "10", "--stan", "931"));
        assertThat(acqsim.admin().balance(pan)).isEqualTo(100000);
        Run noFunds = send("sale", "--target", to, "--dialect", "iso93-ascii", "--pan", "4000000000000002",
                "--amount", "1", "--expect", "116");
        assertThat(noFunds.exit()).as(noFunds.out() + noFunds.err()).isZero();
        assertThat(noFunds.out()).contains("result: 116 declined (as expected)");
        Run keys = send("key-exchange", "--target", to, "--dialect", "iso93-ascii");
        assertThat(keys.exit()).isEqualTo(2);
        assertThat(keys.err()).contains("KIND 'key-exchange' is not in the iso93-ascii catalogue");
    }

    @Test
    void ebcdicSaleAndReversal() throws Exception {
        String to = target("iso87-ebcdic");
        String pan = "4111110000001087";
        acqsim.admin().put("/accounts/" + pan, "{\"balance\": 100000}");
        String[] c = {"--target", to, "--dialect", "iso87-ebcdic", "--pan", pan, "--terminal", "SEND8701",
                "--merchant", "MERCHANT0000001"};
        ok(cat(c, "sale", "--amount", "3", "--stan", "871"));
        assertThat(acqsim.admin().balance(pan)).isEqualTo(99700);
        ok(cat(c, "reversal", "--amount", "3", "--stan", "871"));
        assertThat(acqsim.admin().balance(pan)).isEqualTo(100000);
    }

    @Test
    void anyFieldAndTheExpectedCodeDecideTheExitStatus() {
        String to = target("iso87-ascii");
        Run zero = send("sale", "--target", to, "--pan", "4000000000000002", "--amount", "1", "--expect", "51");
        assertThat(zero.exit()).as(zero.out()).isZero();
        assertThat(zero.out()).contains("result: 51 declined (as expected)");
        Run notExpected = send("sale", "--target", to, "--pan", "4111110000001004", "--amount", "1", "--expect", "51");
        assertThat(notExpected.exit()).isEqualTo(1);
        assertThat(notExpected.out()).contains("result: 00 approved (expected 51)");
        Run field = ok("sale", "--target", to, "--pan", "4111110000001004", "--amount", "1",
                "--field", "22=051", "--field", "49=-", "-f", "48=HELLO");
        assertThat(field.out()).contains("  22    051").contains("  48    HELLO").doesNotContain("  49    156");
    }

    @Test
    void aListenerOfTheConfigurationGivesPortAndDialect(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path config = dir.resolve("acqsim.yaml");
        java.nio.file.Files.writeString(config, "listeners:\n  terminals: { dialect: iso87-binary, port: "
                + acqsim.port("iso87-binary") + " }\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AcqsimCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute("--config", config.toString(), "send", "echo", "--listener", "terminals");

        assertThat(exit).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("0800 echo to 127.0.0.1:" + acqsim.port("iso87-binary") + " (iso87-binary)");
        int unknown = cl.execute("--config", config.toString(), "send", "echo", "--listener", "nope");
        assertThat(unknown).isEqualTo(2);
        assertThat(err.toString()).contains("--listener 'nope' is not a listener of " + config + " (one of [terminals])");
    }

    @Test
    void wrongArgumentsNameTheOptionAndTheAcceptedValuesWithExitTwo() {
        Run advice = send("advice", "--dialect", "cup-pos", "--target", "127.0.0.1:1");
        assertThat(advice.exit()).isEqualTo(2);
        assertThat(advice.err()).contains("KIND 'advice' is not in the cup-pos catalogue (one of [sign-on, echo, sale,");
        Run dialect = send("sale", "--dialect", "iso99", "--target", "127.0.0.1:1");
        assertThat(dialect.exit()).isEqualTo(2);
        assertThat(dialect.err()).contains("--dialect: unknown dialect 'iso99' (known: [");
        Run field = send("sale", "--pan", "4111110000001004", "--amount", "1", "--field", "x=1", "--target", "127.0.0.1:1");
        assertThat(field.exit()).isEqualTo(2);
        assertThat(field.err()).contains("--field 'x=1': expected N=VALUE");
        Run targetBad = send("echo", "--target", "nowhere");
        assertThat(targetBad.exit()).isEqualTo(2);
        assertThat(targetBad.err()).contains("'nowhere' is not host:port");
        Run expect = send("echo", "--expect", "toolong", "--target", "127.0.0.1:1");
        assertThat(expect.exit()).isEqualTo(2);
        assertThat(expect.err()).contains("--expect 'toolong' is not a response code");
        Run missing = send("void", "--pan", "4111110000001004", "--amount", "1", "--target", "127.0.0.1:1");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("a void needs --rrn");
    }

    private static String[] cat(String[] common, String kind, String... more) {
        List<String> all = new ArrayList<>();
        all.add(kind);
        all.addAll(List.of(common));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
