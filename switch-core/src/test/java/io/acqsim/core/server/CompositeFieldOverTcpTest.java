package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.ASCIIChannel;
import org.jpos.iso.packager.GenericPackager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dialect defined only in test resources (dialects/composite-host.xml: DE48 with three
 * sub-fields at fixed positions, DE127 with a sub-bitmap) and a rule on sub-field 48.2, over real
 * TCP with a jPOS ASCIIChannel packing with the same XML: the sale whose DE48.2 has the scripted
 * value is declined and leaves the balance alone; the others are approved and debited.
 */
class CompositeFieldOverTcpTest {
    @TempDir
    static Path dir;
    private static AcqsimServer server;
    private static AdminClient admin;
    private static Path xml;

    /** Sale and reversal as in ISO 1987, and a refund told apart from a sale by sub-field 48.1 alone. */
    static final String ROUTING = """
            composite-host:
              - { mti: "0200", processingCode: "00", field: { "48.1": "RF" }, type: REFUND }
              - { mti: "0200", processingCode: "00", type: SALE }
              - { mti: "0400", type: REVERSAL }
            """;

    static AcqsimConfig config(String rules) throws Exception {
        return config(rules, ROUTING);
    }

    static AcqsimConfig config(String rules, String routing) throws Exception {
        Path file = Files.writeString(dir.resolve("rules-" + Integer.toHexString(rules.hashCode()) + ".yaml"), rules);
        Path routes = Files.writeString(dir.resolve("routing-" + Integer.toHexString(routing.hashCode()) + ".yaml"),
                routing);
        return RunningServer.config("""
                dialects:
                  composite-host: { extends: iso87-ascii, layout: "%s" }
                listeners:
                  composite: { dialect: composite-host, port: 0 }
                rules: { file: "%s" }
                routing: { file: "%s" }
                """.formatted(xml, file, routes));
    }

    @BeforeAll
    static void start() throws Exception {
        xml = Path.of(CompositeFieldOverTcpTest.class.getResource("/dialects/composite-host.xml").toURI());
        server = AcqsimServer.start(config("""
                rules:
                  - name: program XYZ is declined
                    match: { field: { "48.2": "XYZ" } }
                    action: { respond: "57" }
                  - name: a switch key in DE127.2 is declined
                    match: { field: { "127.2": "BLOCKED-KEY" } }
                    action: { respond: "62" }
                """));
        admin = new AdminClient(server.adminPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ISOMsg sale(GenericPackager p, int stan, String program, String switchKey) throws Exception {
        return sale(p, "4111110000480001", stan, "EC", program, switchKey);
    }

    private static ISOMsg sale(GenericPackager p, String pan, int stan, String channel, String program, String switchKey)
            throws Exception {
        ISOMsg m = new ISOMsg("0200");
        m.setPackager(p);
        m.set(2, pan);
        m.set(3, "000000");
        m.set(4, "000000000700");
        m.set(7, "1129103005");
        m.set(11, String.format("%06d", stan));
        m.set(41, "TERMCF01");
        m.set(42, "MERCHANT0000001");
        m.set(49, "156");
        m.set("48.1", channel);
        m.set("48.2", program);
        m.set("48.3", "REF" + stan);
        if (switchKey != null) {
            m.set("127.2", switchKey);
            m.set("127.12", "OWNER");
        }
        return m;
    }

    @Test
    void aRuleOnSubField48Point2DeclinesOnlyTheScriptedProgram() throws Exception {
        String pan = "4111110000480001";
        admin.put("/accounts/" + pan, "{\"balance\": 10000}");
        GenericPackager p = new GenericPackager(xml.toString());
        ASCIIChannel channel = new ASCIIChannel("127.0.0.1", server.port("composite"), p);
        channel.setTimeout(10_000);
        channel.connect();
        try {
            channel.send(sale(p, 1, "ABC", null));
            ISOMsg approved = channel.receive();
            assertThat(approved.getMTI()).isEqualTo("0210");
            assertThat(approved.getString(11)).isEqualTo("000001");
            assertThat(approved.getString(39)).isEqualTo("00");
            assertThat(admin.balance(pan)).isEqualTo(10000 - 700);

            channel.send(sale(p, 2, "XYZ", null));
            ISOMsg declined = channel.receive();
            assertThat(declined.getString(11)).isEqualTo("000002");
            assertThat(declined.getString(39)).isEqualTo("57");
            assertThat(admin.balance(pan)).isEqualTo(10000 - 700);

            channel.send(sale(p, 3, "XYY", "SOME-KEY"));
            ISOMsg approvedToo = channel.receive();
            assertThat(approvedToo.getString(39)).isEqualTo("00");
            assertThat(admin.balance(pan)).isEqualTo(10000 - 1400);

            channel.send(sale(p, 4, "ABC", "BLOCKED-KEY"));
            ISOMsg blocked = channel.receive();
            assertThat(blocked.getString(11)).isEqualTo("000004");
            assertThat(blocked.getString(39)).isEqualTo("62");
            assertThat(admin.balance(pan)).isEqualTo(10000 - 1400);
        } finally {
            channel.disconnect();
        }
        var txs = admin.get("/transactions?pan=" + pan).json();
        String all = txs.toString();
        assertThat(all).contains("DECLINED").contains("APPROVED");
    }

    @Test
    void aRoutingLineOnSubField48Point1MakesTheSameMtiAndDe3ARefund() throws Exception {
        String pan = "4111110000480002";
        admin.put("/accounts/" + pan, "{\"balance\": 10000}");
        GenericPackager p = new GenericPackager(xml.toString());
        ASCIIChannel channel = new ASCIIChannel("127.0.0.1", server.port("composite"), p);
        channel.setTimeout(10_000);
        channel.connect();
        try {
            channel.send(sale(p, pan, 11, "RF", "ABC", null));
            ISOMsg refund = channel.receive();
            assertThat(refund.getString(11)).isEqualTo("000011");
            assertThat(refund.getString(39)).isEqualTo("00");
            assertThat(admin.balance(pan)).isEqualTo(10000 + 700); // credited: routed as a refund

            channel.send(sale(p, pan, 12, "EC", "ABC", null));
            ISOMsg sale = channel.receive();
            assertThat(sale.getString(39)).isEqualTo("00");
            assertThat(admin.balance(pan)).isEqualTo(10000); // debited: routed as a sale
        } finally {
            channel.disconnect();
        }
        assertThat(admin.get("/transactions?pan=" + pan).json().toString()).contains("REFUND").contains("SALE");
    }

    @Test
    void postRulesChecksSubFieldsAgainstTheLayouts() throws Exception {
        var bad = admin.post("/rules", "{\"match\": {\"field\": {\"48.9\": \"XYZ\"}}, \"action\": {\"respond\": \"05\"}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("match.field.48.9: 'XYZ'").contains("has no sub-field 9");
        var good = admin.post("/rules", "{\"match\": {\"field\": {\"48.2\": \"QQQ\"}}, \"action\": {\"respond\": \"05\"}}");
        assertThat(good.status()).isEqualTo(201);
        assertThat(good.body()).contains("\"48.2\":\"QQQ\"");
        assertThat(admin.delete("/rules/" + good.json().get("id").asLong()).status()).isEqualTo(200);
    }

    @Test
    void aRoutingLineOnAnUnknownSubFieldStopsTheStartNamingKeyAndValue() {
        assertThatThrownBy(() -> AcqsimServer.start(config("rules: []\n", """
                composite-host:
                  - { mti: "0200", processingCode: "00", field: { "48.7": "RF" }, type: REFUND }
                """)).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("composite-host[0].field.48.7: 'RF'")
                .hasMessageContaining("has no sub-field 7");
    }

    @Test
    void aRuleOnASubFieldNoDialectDeclaresStopsTheStartNamingKeyAndValue() {
        assertThatThrownBy(() -> AcqsimServer.start(config("""
                rules:
                  - match: { field: { "48.9": "XYZ" } }
                    action: { respond: "57" }
                """)).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rules[0].match.field.48.9: 'XYZ'")
                .hasMessageContaining("has no sub-field 9");
        assertThatThrownBy(() -> AcqsimServer.start(config("""
                rules:
                  - match: { field: { "41.1": "T" } }
                    action: { respond: "57" }
                """)).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rules[0].match.field.41.1: 'T'")
                .hasMessageContaining("not composite");
        assertThatThrownBy(() -> AcqsimServer.start(config("""
                rules:
                  - match: { field: { "48.two": "XYZ" } }
                    action: { respond: "57" }
                """)).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rules[0].match.field.48.two")
                .hasMessageContaining("'48.two' is not a field (N) or a sub-field (N.M)");
    }
}
