package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.RunningServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.ASCIIChannel;
import org.jpos.iso.packager.GenericPackager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Matching keys read from sub-fields ({@code matching:} in a dialect definition), over real TCP
 * with jPOS ASCIIChannels packing with jPOS's own GenericPackager and the test-only layout
 * dialects/composite-host.xml (DE48 with fixed sub-fields, DE127 with a Postilion-style sub-bitmap).
 *
 * <ul>
 *   <li>{@code switch-key-host}: terminal from 127.12 and the STAN from the 127.2 switch key (no DE41
 *       at all): a reversal with a new DE11 and a DE90 naming the sale's DE11 finds the sale by its
 *       switch key; one with the sale's very DE11 and DE90 but another switch key does not
 *       (a tombstone, answered 25 as configured), and the original that then arrives under that
 *       switch key is refused 12.</li>
 *   <li>{@code original-stan-host}: DE41/DE42/DE11 as usual, but a reversal names its original's STAN in
 *       sub-field 48.3 rather than in DE90.</li>
 * </ul>
 */
class MatchingBySubFieldOverTcpTest {
    private static AcqsimServer server;
    private static AdminClient admin;
    private static GenericPackager packager;

    @BeforeAll
    static void start() throws Exception {
        Path xml = Path.of(MatchingBySubFieldOverTcpTest.class.getResource("/dialects/composite-host.xml").toURI());
        packager = new GenericPackager(xml.toString());
        server = AcqsimServer.start(RunningServer.config("""
                dialects:
                  switch-key-host:
                    extends: iso87-ascii
                    layout: "%1$s"
                    matching: { terminal: "127.12", stan: "127.2" }
                  original-stan-host:
                    extends: iso87-ascii
                    layout: "%1$s"
                    matching: { originalStan: "48.3" }
                listeners:
                  switch-key: { dialect: switch-key-host, port: 0 }
                  original-stan: { dialect: original-stan-host, port: 0 }
                reversal: { unknownOriginal: "25" }
                """.formatted(xml)));
        admin = new AdminClient(server.adminPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ASCIIChannel connect(String listener) throws Exception {
        ASCIIChannel channel = new ASCIIChannel("127.0.0.1", server.port(listener), packager);
        channel.setTimeout(10_000);
        channel.connect();
        return channel;
    }

    private static ISOMsg exchange(ASCIIChannel channel, ISOMsg request) throws Exception {
        request.setPackager(packager);
        channel.send(request);
        return channel.receive();
    }

    /** The fields every message of this test carries: card, purchase, amount, DE7, STAN, merchant, currency. */
    private static ISOMsg purchase(String mti, String pan, String amount, String stan, String merchant)
            throws Exception {
        ISOMsg m = new ISOMsg(mti);
        m.set(2, pan);
        m.set(3, "000000");
        m.set(4, amount);
        m.set(7, "1129103005");
        m.set(11, stan);
        m.set(42, merchant);
        m.set(49, "156");
        return m;
    }

    /** A Postilion-style message: no DE41, the terminal in 127.12, the transaction's switch key in 127.2. */
    private static ISOMsg switchKeyed(String mti, String pan, String stan, String switchKey) throws Exception {
        ISOMsg m = purchase(mti, pan, "000000000700", stan, "MERCHANT0000127");
        m.set("127.2", switchKey);
        m.set("127.12", "POS-SK-01");
        return m;
    }

    private static ISOMsg de90(ISOMsg m, String originalStan) throws Exception {
        m.set(90, "0200" + originalStan + "1129103005" + "00000000000" + "00000000000");
        return m;
    }

    private static List<JsonNode> journal(String query) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        admin.get("/transactions?" + query).json().forEach(out::add);
        return out;
    }

    private static JsonNode only(String query) throws Exception {
        List<JsonNode> found = journal(query);
        assertThat(found).as(query).hasSize(1);
        return found.get(0);
    }

    @Test
    void aReversalFindsItsOriginalByTheSwitchKeyInSubField127Point2() throws Exception {
        String pan = "4111110000127001";
        admin.put("/accounts/" + pan, "{\"balance\": 10000}");
        ASCIIChannel channel = connect("switch-key");
        try {
            ISOMsg sale = exchange(channel, switchKeyed("0200", pan, "000101", "SK-20261129-000101"));
            assertThat(sale.getMTI()).isEqualTo("0210");
            assertThat(sale.getString(11)).isEqualTo("000101");
            assertThat(sale.getString(39)).isEqualTo("00");
            assertThat(sale.getString(38)).hasSize(6);
            assertThat(admin.balance(pan)).isEqualTo(10000 - 700);

            // a new DE11, and a DE90 that names the sale's DE11: neither is the key; the switch key is
            ISOMsg reversal = exchange(channel, de90(switchKeyed("0400", pan, "000102", "SK-20261129-000101"),
                    "000101"));
            assertThat(reversal.getMTI()).isEqualTo("0410");
            assertThat(reversal.getString(11)).isEqualTo("000102");
            assertThat(reversal.getString(39)).isEqualTo("00");
            assertThat(reversal.getString(37)).hasSize(12).isNotEqualTo(sale.getString(37));
            assertThat(admin.balance(pan)).isEqualTo(10000);

            // the same reversal again is a repeat: the first answer replayed, the money moved once
            ISOMsg repeat = exchange(channel, de90(switchKeyed("0401", pan, "000102", "SK-20261129-000101"),
                    "000101"));
            assertThat(repeat.getString(39)).isEqualTo("00");
            assertThat(repeat.getString(37)).isEqualTo(reversal.getString(37));
            assertThat(admin.balance(pan)).isEqualTo(10000);

            // the terminal is 127.12's value on /terminals too, with the connection it spoke on
            JsonNode terminal = admin.get("/terminals/POS-SK-01").json();
            assertThat(terminal.get("dialect").asText()).isEqualTo("switch-key-host");
            assertThat(terminal.get("connection").asText()).startsWith("switch-key 127.0.0.1:");
        } finally {
            channel.disconnect();
        }
        // the journal keeps the key as the matching reads it: terminal 127.12, STAN 127.2
        List<JsonNode> both = journal("terminal=POS-SK-01&stan=SK-20261129-000101");
        assertThat(both).extracting(j -> j.get("type").asText() + " " + j.get("state").asText())
                .containsExactlyInAnyOrder("SALE REVERSED", "REVERSAL APPROVED");
        for (JsonNode j : both) {
            assertThat(j.get("dialect").asText()).isEqualTo("switch-key-host");
            assertThat(j.get("merchant").asText()).isEqualTo("MERCHANT0000127");
        }
        JsonNode sale = both.stream().filter(j -> j.get("type").asText().equals("SALE")).findFirst().orElseThrow();
        JsonNode rv = both.stream().filter(j -> j.get("type").asText().equals("REVERSAL")).findFirst().orElseThrow();
        assertThat(sale.get("related").toString()).contains(rv.get("id").asText());
        assertThat(sale.get("effective").asLong()).isZero();
    }

    @Test
    void aReversalWhoseSwitchKeyDiffersIsNotMatchedEvenWithTheSalesDe11AndDe90() throws Exception {
        String pan = "4111110000127002";
        admin.put("/accounts/" + pan, "{\"balance\": 10000}");
        ASCIIChannel channel = connect("switch-key");
        try {
            ISOMsg sale = exchange(channel, switchKeyed("0200", pan, "000201", "SK-20261129-000201"));
            assertThat(sale.getString(39)).isEqualTo("00");
            assertThat(admin.balance(pan)).isEqualTo(10000 - 700);

            ISOMsg reversal = exchange(channel, de90(switchKeyed("0400", pan, "000201", "SK-20261129-999999"),
                    "000201"));
            assertThat(reversal.getMTI()).isEqualTo("0410");
            assertThat(reversal.getString(11)).isEqualTo("000201");
            assertThat(reversal.getString(39)).isEqualTo("25"); // reversal.unknownOriginal: 25
            assertThat(admin.balance(pan)).isEqualTo(10000 - 700); // the sale stands

            // the original the tombstone remembers arrives late: refused, nothing posted
            ISOMsg late = exchange(channel, switchKeyed("0200", pan, "000202", "SK-20261129-999999"));
            assertThat(late.getString(39)).isEqualTo("12");
            assertThat(admin.balance(pan)).isEqualTo(10000 - 700);
        } finally {
            channel.disconnect();
        }
        assertThat(only("terminal=POS-SK-01&stan=SK-20261129-000201").get("state").asText()).isEqualTo("APPROVED");
        assertThat(journal("terminal=POS-SK-01&stan=SK-20261129-999999"))
                .extracting(j -> j.get("type").asText() + " " + j.get("state").asText())
                .containsExactlyInAnyOrder("REVERSAL TOMBSTONE", "SALE DECLINED");
    }

    private static ISOMsg withOriginalIn48(String mti, String pan, String stan, String originalStan) throws Exception {
        ISOMsg m = purchase(mti, pan, "000000000900", stan, "MERCHANT0000048");
        m.set(41, "TERM4803");
        if (originalStan != null) {
            m.set("48.1", "RV");
            m.set("48.2", "ORG");
            m.set("48.3", originalStan);
        }
        return m;
    }

    @Test
    void aReversalNamesItsOriginalsStanInSubField48Point3() throws Exception {
        String pan = "4111110000048003";
        admin.put("/accounts/" + pan, "{\"balance\": 10000}");
        ASCIIChannel channel = connect("original-stan");
        try {
            assertThat(exchange(channel, withOriginalIn48("0200", pan, "000301", null)).getString(39)).isEqualTo("00");
            assertThat(exchange(channel, withOriginalIn48("0200", pan, "000302", null)).getString(39)).isEqualTo("00");
            assertThat(admin.balance(pan)).isEqualTo(10000 - 1800);

            ISOMsg reversal = exchange(channel, withOriginalIn48("0400", pan, "000303", "000301"));
            assertThat(reversal.getMTI()).isEqualTo("0410");
            assertThat(reversal.getString(11)).isEqualTo("000303");
            assertThat(reversal.getString(39)).isEqualTo("00");
            assertThat(admin.balance(pan)).isEqualTo(10000 - 900);

            ISOMsg unknown = exchange(channel, withOriginalIn48("0400", pan, "000304", "000399"));
            assertThat(unknown.getString(39)).isEqualTo("25");
            assertThat(admin.balance(pan)).isEqualTo(10000 - 900);
        } finally {
            channel.disconnect();
        }
        assertThat(only("terminal=TERM4803&stan=000301").get("state").asText()).isEqualTo("REVERSED");
        assertThat(only("terminal=TERM4803&stan=000302").get("state").asText()).isEqualTo("APPROVED");
        assertThat(only("terminal=TERM4803&stan=000303").get("state").asText()).isEqualTo("APPROVED");
        assertThat(only("terminal=TERM4803&stan=000304").get("state").asText()).isEqualTo("TOMBSTONE");
    }
}
