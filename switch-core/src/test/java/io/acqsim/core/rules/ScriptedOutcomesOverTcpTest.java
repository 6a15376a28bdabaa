package io.acqsim.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.codec.CodecException;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.Dialects;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.LogCapture;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each action of PROTOCOL.md §6 on its default amount, and rules armed over HTTP, over real TCP
 * against a started acqsim with the shipped rule file ({@code rules.lateDelay} shortened).
 * "No response" is shown without waiting for a timeout: a sign-on sent after the request on the
 * same connection is answered first.
 */
class ScriptedOutcomesOverTcpTest {
    private static final Dialect ASCII = Dialects.byName("iso87-ascii");
    private static final Dialect CUP = Dialects.byName("cup-pos");
    private static final AtomicInteger STANS = new AtomicInteger(100);
    private static AcqsimServer server;
    private static AdminClient admin;
    private static LogCapture leaks;

    @BeforeAll
    static void start() throws Exception {
        leaks = LogCapture.of("io.netty.util.ResourceLeakDetector");
        server = AcqsimServer.start(RunningServer.config("rules:\n  lateDelay: 300ms\n"));
        admin = new AdminClient(server.adminPort());
    }

    @AfterAll
    static void stop() {
        server.close();
        assertThat(leaks.messages()).noneMatch(m -> m.contains("LEAK"));
        leaks.close();
    }

    private static IsoClient client(Dialect d) throws Exception {
        return new IsoClient(d, server.port(d.name()));
    }

    private static int stan() {
        return STANS.incrementAndGet();
    }

    /** A fresh card with 10,000.00 so balances can be checked exactly. */
    private static String card(int n) throws Exception {
        String pan = String.format("4761739%09d", n);
        admin.put("/accounts/" + pan, "{\"balance\": 1000000, \"currency\": \"156\"}");
        return pan;
    }

    private static JsonNode journal(String stan) throws Exception {
        return admin.get("/transactions?terminal=" + Messages.TERMINAL + "&stan=" + stan).json();
    }

    /** Sends a sign-on and returns the next frame's message, which must be its 0810. */
    private static ISOMsg probe(IsoClient c) throws Exception {
        int s = stan();
        c.send(Messages.signOn(c.dialect(), s));
        ISOMsg next = c.receive().msg();
        assertThat(next.getMTI()).as("next frame after the probe").isEqualTo("0810");
        assertThat(next.getString(11)).isEqualTo(Messages.stan(s));
        return next;
    }

    @Test
    void amount9000_51AnswersCode51AndPostsNothing() throws Exception {
        String pan = card(1);
        int s = stan();
        try (IsoClient c = client(ASCII)) {
            ISOMsg m = c.exchange(Messages.sale(ASCII, pan, 900051, s)).msg();
            assertThat(m.getString(39)).isEqualTo("51");
            assertThat(m.hasField(38)).isFalse();
            assertThat(m.getString(37)).hasSize(12);
        }
        assertThat(admin.balance(pan)).isEqualTo(1000000);
        JsonNode t = journal(Messages.stan(s)).get(0);
        assertThat(t.get("state").asText()).isEqualTo("DECLINED");
        assertThat(t.get("responseCode").asText()).isEqualTo("51");
    }

    @Test
    void reversalOfAScriptedDeclineAnswers00WithNothingToUndo() throws Exception {
        String pan = card(16);
        int s = stan();
        try (IsoClient c = client(ASCII)) {
            IsoFrame sale = Messages.sale(ASCII, pan, 900051, s);
            assertThat(c.exchange(sale).msg().getString(39)).isEqualTo("51");
            IsoFrame reversal = Messages.sale(ASCII, pan, 900051, s);
            reversal.msg().set(0, "0400");
            ISOMsg m = c.exchange(reversal).msg();
            assertThat(m.getMTI()).isEqualTo("0410");
            assertThat(m.getString(39)).isEqualTo("00");
        }
        assertThat(admin.balance(pan)).isEqualTo(1000000);
    }

    @Test
    void amount9000_05AnswersCode05() throws Exception {
        try (IsoClient c = client(CUP)) {
            assertThat(c.exchange(Messages.sale(CUP, card(2), 900005, stan())).msg().getString(39)).isEqualTo("05");
        }
    }

    @Test
    void amount9000_00IsProcessedNormally() throws Exception {
        String pan = card(3);
        try (IsoClient c = client(ASCII)) {
            ISOMsg m = c.exchange(Messages.sale(ASCII, pan, 900000, stan())).msg();
            assertThat(m.getString(39)).isEqualTo("00");
            assertThat(m.getString(38)).hasSize(6);
        }
        assertThat(admin.balance(pan)).isEqualTo(1000000 - 900000);
    }

    @Test
    void amount9100_00LosesTheRequest() throws Exception {
        String pan = card(4);
        int s = stan();
        try (IsoClient c = client(ASCII)) {
            c.send(Messages.sale(ASCII, pan, 910000, s));
            probe(c);
        }
        assertThat(journal(Messages.stan(s))).isEmpty();
        assertThat(admin.balance(pan)).isEqualTo(1000000);
    }

    @Test
    void amount9100_01PostsButLosesTheResponse() throws Exception {
        String pan = card(5);
        int s = stan();
        try (IsoClient c = client(ASCII)) {
            c.send(Messages.sale(ASCII, pan, 910001, s));
            probe(c);
        }
        assertThat(journal(Messages.stan(s)).get(0).get("state").asText()).isEqualTo("APPROVED");
        assertThat(admin.balance(pan)).isEqualTo(1000000 - 910001);
    }

    @Test
    void amount9100_02AnswersAfterTheLateDelay() throws Exception {
        int s = stan();
        try (IsoClient c = client(ASCII)) {
            c.send(Messages.sale(ASCII, card(6), 910002, s));
            probe(c);
            ISOMsg late = c.receive().msg();
            assertThat(late.getMTI()).isEqualTo("0210");
            assertThat(late.getString(11)).isEqualTo(Messages.stan(s));
            assertThat(late.getString(39)).isEqualTo("00");
        }
    }

    @Test
    void amount9100_03PostsThenClosesTheConnection() throws Exception {
        String pan = card(7);
        int s = stan();
        try (IsoClient c = client(ASCII)) {
            c.send(Messages.sale(ASCII, pan, 910003, s));
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(journal(Messages.stan(s)).get(0).get("state").asText()).isEqualTo("APPROVED");
        assertThat(admin.balance(pan)).isEqualTo(1000000 - 910003);
    }

    @Test
    void amount9100_04AnswersWithAMacThatCannotVerify() throws Exception {
        try (IsoClient c = client(CUP)) {
            ISOMsg m = c.exchange(Messages.sale(CUP, card(8), 910004, stan())).msg();
            assertThat(m.getString(39)).isEqualTo("00");
            assertThat(HexFormat.of().formatHex(m.getBytes(64))).isEqualTo("ffffffffffffffff");
        }
    }

    @Test
    void amount9100_05AnswersAFrameThatCannotBeDecoded() throws Exception {
        String pan = card(9);
        int s = stan();
        try (IsoClient c = client(ASCII)) {
            c.send(Messages.sale(ASCII, pan, 910005, s));
            byte[] body = c.receiveBody();
            assertThat(body).hasSize(Faults.GARBAGE_LENGTH);
            assertThatThrownBy(() -> ASCII.decode(body)).isInstanceOf(CodecException.class);
            probe(c);
        }
        assertThat(journal(Messages.stan(s)).get(0).get("state").asText()).isEqualTo("APPROVED");
    }

    @Test
    void amount9100_06AnswersAfterFiveSeconds() throws Exception {
        int s = stan();
        try (IsoClient c = client(ASCII)) {
            long sent = System.nanoTime();
            c.send(Messages.sale(ASCII, card(10), 910006, s));
            probe(c);
            ISOMsg slow = c.receive().msg();
            long elapsedMs = (System.nanoTime() - sent) / 1_000_000;
            assertThat(slow.getString(11)).isEqualTo(Messages.stan(s));
            assertThat(slow.getString(39)).isEqualTo("00");
            assertThat(elapsedMs).isGreaterThanOrEqualTo(4900);
        }
    }

    @Test
    void ruleWithTimes2ExpiresAfterTwoMatches() throws Exception {
        String pan = card(11);
        JsonNode rule = admin.post("/rules", "{\"match\": {\"pan\": \"" + pan + "\"}, \"action\": {\"respond\": \"05\"},"
                + " \"times\": 2}").json();
        long id = rule.get("id").asLong();
        assertThat(rule.get("remaining").asInt()).isEqualTo(2);
        try (IsoClient c = client(ASCII)) {
            assertThat(c.exchange(Messages.sale(ASCII, pan, 100, stan())).msg().getString(39)).isEqualTo("05");
            assertThat(c.exchange(Messages.sale(ASCII, pan, 100, stan())).msg().getString(39)).isEqualTo("05");
            assertThat(c.exchange(Messages.sale(ASCII, pan, 100, stan())).msg().getString(39)).isEqualTo("00");
        }
        assertThat(admin.get("/rules").json().findValues("id")).noneMatch(n -> n.asLong() == id);
        assertThat(admin.balance(pan)).isEqualTo(1000000 - 100);
    }

    @Test
    void ruleAddedAndRemovedOverHttpChangesBehaviourAtOnce() throws Exception {
        String pan = card(12);
        try (IsoClient c = client(ASCII)) {
            AdminClient.Result added = admin.post("/rules",
                    "{\"name\": \"issuer down\", \"match\": {\"pan\": \"" + pan + "\"}, \"action\": {\"respond\": 91}}");
            assertThat(added.status()).isEqualTo(201);
            long id = added.json().get("id").asLong();
            assertThat(c.exchange(Messages.sale(ASCII, pan, 200, stan())).msg().getString(39)).isEqualTo("91");
            JsonNode listed = admin.get("/rules").json().get(0);
            assertThat(listed.get("id").asLong()).isEqualTo(id);
            assertThat(listed.get("source").asText()).isEqualTo("api");
            assertThat(listed.get("matched").asInt()).isEqualTo(1);
            assertThat(listed.get("match").get("pan").asText()).isEqualTo("476173******0012");

            assertThat(admin.delete("/rules/" + id).status()).isEqualTo(200);
            assertThat(c.exchange(Messages.sale(ASCII, pan, 200, stan())).msg().getString(39)).isEqualTo("00");
            assertThat(admin.delete("/rules/" + id).status()).isEqualTo(404);
        }
    }

    @Test
    void ruleNamingMti0400DropsTheNextTwoReversalResponses() throws Exception {
        String terminal = "TDROP410";
        String pan = card(13);
        admin.post("/rules", "{\"match\": {\"mti\": \"0400\", \"terminal\": \"" + terminal + "\"},"
                + " \"action\": {\"drop\": \"response\"}, \"times\": 2}");
        int s = stan();
        try (IsoClient c = client(ASCII)) {
            IsoFrame sale = Messages.sale(ASCII, pan, 300, s);
            sale.msg().set(41, terminal);
            assertThat(c.exchange(sale).msg().getString(39)).isEqualTo("00");
            IsoFrame reversal = Messages.sale(ASCII, pan, 300, s);
            reversal.msg().set(0, "0400");
            reversal.msg().set(41, terminal);
            c.send(reversal);
            probe(c);
            c.send(reversal);
            probe(c);
            ISOMsg third = c.exchange(reversal).msg();
            assertThat(third.getMTI()).isEqualTo("0410");
            assertThat(third.getString(11)).isEqualTo(Messages.stan(s));
        }
        JsonNode watch = admin.get("/terminals/" + terminal + "/reversal-watch").json();
        assertThat(watch.get("withheld").asInt()).isEqualTo(2);
        assertThat(watch.get("entries").get(0).get("mti").asText()).isEqualTo("0400");
        assertThat(watch.get("entries").get(0).get("reversals").asInt()).isEqualTo(2);
        assertThat(watch.get("entries").get(1).get("status").asText()).isEqualTo("REVERSED");
    }

    @Test
    void badRulesGet400NamingTheWrongKey() throws Exception {
        AdminClient.Result typo = admin.post("/rules", "{\"match\": {\"amont\": 5}, \"action\": {\"respond\": \"05\"}}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("error").asText()).contains("match.amont: unknown key");
        AdminClient.Result drop = admin.post("/rules", "{\"action\": {\"drop\": \"requests\"}}");
        assertThat(drop.status()).isEqualTo(400);
        assertThat(drop.json().get("error").asText()).contains("action.drop: 'requests' is not one of");
        AdminClient.Result quoted = admin.post("/rules", "{\"match\": {\"mti\": 400}, \"action\": {\"close\": true}}");
        assertThat(quoted.json().get("error").asText()).contains("match.mti: write it in quotes");
        assertThat(admin.get("/rules").json()).allMatch(r -> r.get("source").asText().equals("file"));
    }

    @Test
    void lateResponseToAClosedConnectionIsDroppedAndTheServerKeepsAnswering() throws Exception {
        int s = stan();
        try (LogCapture log = LogCapture.of("io.acqsim.core.server.RequestHandler")) {
            try (IsoClient c = client(ASCII)) {
                c.send(Messages.sale(ASCII, card(14), 910002, s));
                probe(c);
            }
            log.await(m -> m.contains("stan " + Messages.stan(s) + ") not sent: the connection is already closed"),
                    Duration.ofSeconds(10));
            assertThat(log.messages()).noneMatch(m -> m.contains("closing after error"));
        }
        try (IsoClient other = client(ASCII)) {
            assertThat(other.exchange(Messages.sale(ASCII, card(15), 100, stan())).msg().getString(39)).isEqualTo("00");
        }
    }
}
