package io.acqsim.core.ledger.pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Iso87Ascii;
import io.acqsim.core.server.Answers;
import io.acqsim.core.testing.EmbeddedPg;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md §11: two nodes, each with its own listeners, one ledger in PostgreSQL. A terminal
 * that fails over from one node to the other finds its transactions there; every §3 rule holds
 * across nodes.
 */
class TwoNodeLedgerTest {
    private static final Iso87Ascii ISO = Iso87Ascii.INSTANCE;
    private static final long OPENING = 10_000_000;
    private static final AtomicInteger CARDS = new AtomicInteger();
    private static final AtomicInteger STANS = new AtomicInteger(100);
    private static TwoNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        nodes = TwoNodes.start(EmbeddedPg.shared().newDatabase(), "");
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    /** A fresh card with {@link #OPENING} on it, and a terminal of its own. */
    private record Card(String pan, String terminal) {
    }

    private static Card card() throws Exception {
        int n = CARDS.incrementAndGet();
        Card c = new Card(String.format("41112233%08d", n), String.format("TWON%04d", n));
        nodes.admin1.put("/accounts/" + c.pan(), "{\"balance\": " + OPENING + "}");
        return c;
    }

    private static IsoFrame msg(Card c, String mti, String processing, long amount, String stan) {
        IsoFrame f = Messages.frame(ISO, mti);
        ISOMsg m = f.msg();
        m.set(2, c.pan());
        m.set(3, processing);
        m.set(4, Messages.amount(amount));
        m.set(7, "1122334455");
        m.set(11, stan);
        m.set(41, c.terminal());
        m.set(42, Messages.MERCHANT);
        m.set(49, "156");
        return f;
    }

    private static String stan() {
        return Messages.stan(STANS.incrementAndGet());
    }

    private static ISOMsg exchange(int node, IsoFrame f) throws Exception {
        try (IsoClient c = new IsoClient(ISO, nodes.node(node).port("iso87-ascii"), Duration.ofSeconds(10))) {
            return c.exchange(f).msg();
        }
    }

    private static JsonNode journal(int node, Card c) throws Exception {
        return (node == 1 ? nodes.admin1 : nodes.admin2).get("/transactions?terminal=" + c.terminal()).json();
    }

    private static JsonNode only(JsonNode journal, String type) {
        List<JsonNode> found = new ArrayList<>();
        journal.forEach(t -> {
            if (t.get("type").asText().equals(type)) {
                found.add(t);
            }
        });
        assertThat(found).as(type + " in " + journal).hasSize(1);
        return found.get(0);
    }

    @Test
    void saleOnNode1ReversedOnNode2RestoresTheBalance() throws Exception {
        Card c = card();
        String s = stan();
        ISOMsg sale = exchange(1, msg(c, "0200", "000000", 1_234, s));
        assertThat(sale.getString(39)).isEqualTo("00");
        assertThat(sale.getString(37)).as("node 1's RRNs start with 01").startsWith("01").hasSize(12);
        assertThat(nodes.admin2.balance(c.pan())).as("node 2 sees node 1's debit").isEqualTo(OPENING - 1_234);

        ISOMsg reversal = exchange(2, msg(c, "0400", "000000", 1_234, s));
        assertThat(reversal.getString(39)).isEqualTo("00");
        assertThat(reversal.getString(37)).startsWith("02");
        assertThat(nodes.admin1.balance(c.pan())).isEqualTo(OPENING);
        assertThat(nodes.admin2.balance(c.pan())).isEqualTo(OPENING);

        JsonNode journal = journal(1, c);
        JsonNode saleRow = only(journal, "SALE");
        JsonNode revRow = only(journal, "REVERSAL");
        assertThat(saleRow.get("state").asText()).isEqualTo("REVERSED");
        assertThat(saleRow.get("node").asInt()).isEqualTo(1);
        assertThat(revRow.get("node").asInt()).isEqualTo(2);
        assertThat(saleRow.get("related").toString()).contains(revRow.get("id").asText());
        assertThat(journal(2, c)).isEqualTo(journal);
        assertThat(nodes.admin2.get("/health").json().get("node").asInt()).isEqualTo(2);
        assertThat(nodes.admin1.get("/health").json().get("ledger").asText()).isEqualTo("postgresql");
    }

    @Test
    void lostResponseOnNode1IsReversedOnNode2() throws Exception {
        Card c = card();
        String s = stan();
        try (IsoClient one = new IsoClient(ISO, nodes.node1.port("iso87-ascii"), Duration.ofSeconds(10));
             Answers.Watch node1 = nodes.node1.traffic("iso87-ascii").answers().watch()) {
            one.send(msg(c, "0200", "000000", 910_001, s)); // 9100.01: processed and posted, response lost
            Answers.Decision d = node1.await("0200", s, c.terminal(), Duration.ofSeconds(10));
            assertThat(d).as("node 1's decision about the sale").isNotNull();
            assertThat(d.fate()).isEqualTo(Answers.Fate.RESPONSE_DROPPED);
        }
        assertThat(nodes.admin2.balance(c.pan())).as("posted on node 1").isEqualTo(OPENING - 910_001);

        ISOMsg reversal = exchange(2, msg(c, "0400", "000000", 910_001, s));
        assertThat(reversal.getString(39)).isEqualTo("00");
        assertThat(nodes.admin1.balance(c.pan())).isEqualTo(OPENING);
        assertThat(only(journal(2, c), "SALE").get("state").asText()).isEqualTo("REVERSED");
    }

    @Test
    void theSameReversalSentToBothNodesAtOnceHasOneEffect() throws Exception {
        Card c = card();
        String s = stan();
        assertThat(exchange(1, msg(c, "0200", "000000", 5_000, s)).getString(39)).isEqualTo("00");
        try (IsoClient one = new IsoClient(ISO, nodes.node1.port("iso87-ascii"), Duration.ofSeconds(10));
             IsoClient two = new IsoClient(ISO, nodes.node2.port("iso87-ascii"), Duration.ofSeconds(10))) {
            one.send(msg(c, "0400", "000000", 5_000, s));
            two.send(msg(c, "0400", "000000", 5_000, s));
            ISOMsg r1 = one.receive().msg();
            ISOMsg r2 = two.receive().msg();
            assertThat(r1.getString(39)).isEqualTo("00");
            assertThat(r2.getString(39)).isEqualTo("00");
            assertThat(r2.getString(37)).as("the repeat is answered with the first response").isEqualTo(r1.getString(37));
            assertThat(r2.getString(38)).isEqualTo(r1.getString(38));
        }
        assertThat(nodes.admin2.balance(c.pan())).as("credited back once").isEqualTo(OPENING);
        JsonNode rev = only(journal(1, c), "REVERSAL");
        assertThat(rev.get("repeats").asInt()).isEqualTo(1);
        assertThat(only(journal(1, c), "SALE").get("state").asText()).isEqualTo("REVERSED");
    }

    @Test
    void aDuplicateSaleOnTheOtherNodeIsDeclined94() throws Exception {
        Card c = card();
        String s = stan();
        assertThat(exchange(1, msg(c, "0200", "000000", 700, s)).getString(39)).isEqualTo("00");
        assertThat(exchange(2, msg(c, "0200", "000000", 700, s)).getString(39)).isEqualTo("94");
        assertThat(nodes.admin1.balance(c.pan())).as("debited once").isEqualTo(OPENING - 700);
    }

    @Test
    void aVoidOnNode2OfASaleOnNode1CreditsItBack() throws Exception {
        Card c = card();
        ISOMsg sale = exchange(1, msg(c, "0200", "000000", 2_500, stan()));
        assertThat(sale.getString(39)).isEqualTo("00");
        IsoFrame v = msg(c, "0200", "020000", 2_500, stan());
        v.msg().set(37, sale.getString(37));
        ISOMsg voided = exchange(2, v);
        assertThat(voided.getString(39)).isEqualTo("00");
        assertThat(voided.getString(37)).as("the void's own RRN, from node 2").startsWith("02")
                .isNotEqualTo(sale.getString(37));
        assertThat(nodes.admin1.balance(c.pan())).isEqualTo(OPENING);
        JsonNode journal = journal(2, c);
        assertThat(only(journal, "SALE").get("state").asText()).isEqualTo("VOIDED");
        assertThat(only(journal, "VOID").get("node").asInt()).isEqualTo(2);
    }

    @Test
    void aReversalOnNode2BeforeItsSaleLeavesATombstoneThatRefusesTheLateSaleOnNode1() throws Exception {
        Card c = card();
        String s = stan();
        assertThat(exchange(2, msg(c, "0400", "000000", 900, s)).getString(39)).isEqualTo("00");
        assertThat(exchange(1, msg(c, "0200", "000000", 900, s)).getString(39)).isEqualTo("12");
        assertThat(nodes.admin1.balance(c.pan())).isEqualTo(OPENING);
    }

    @Test
    void settlementOnNode2CountsSalesPostedOnBothNodes() throws Exception {
        Card c = card();
        assertThat(exchange(1, msg(c, "0200", "000000", 1_000, stan())).getString(39)).isEqualTo("00");
        assertThat(exchange(2, msg(c, "0200", "000000", 2_000, stan())).getString(39)).isEqualTo("00");
        IsoFrame settle = Messages.frame(ISO, "0500");
        settle.msg().set(7, "1122334455");
        settle.msg().set(11, stan());
        settle.msg().set(41, c.terminal());
        settle.msg().set(42, Messages.MERCHANT);
        settle.msg().set(48, String.format("%012d%03d%012d%03d", 3_000, 2, 0, 0) + "0");
        ISOMsg r = exchange(2, settle);
        assertThat(r.getString(39)).isEqualTo("00");
        assertThat(r.getString(48)).as("balanced: code 1 at position 31").hasSize(31).endsWith("1");
        // after settlement, a reversal of the settled batch is refused on either node
        assertThat(exchange(1, msg(c, "0400", "000000", 1_000, Messages.stan(STANS.get() - 2))).getString(39))
                .isEqualTo("12");
    }

    @Test
    void metricsShowThePoolAndTheCommits() throws Exception {
        Card c = card();
        assertThat(exchange(1, msg(c, "0200", "000000", 100, stan())).getString(39)).isEqualTo("00");
        String metrics = nodes.admin1.get("/metrics").body();
        assertThat(metrics).contains("acqsim_ledger_commit_latency_seconds_count")
                .contains("acqsim_ledger_commit_units_count")
                .contains("hikaricp_connections_active{pool=\"acqsim-node-1\"}")
                .contains("acqsim_ledger_transactions{state=\"approved\",type=\"sale\"}");
        double commits = metrics.lines().filter(l -> l.startsWith("acqsim_ledger_commit_latency_seconds_count"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(commits).isPositive();
    }
}
