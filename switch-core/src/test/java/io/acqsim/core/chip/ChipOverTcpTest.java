package io.acqsim.core.chip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acqsim.codec.emv.CryptogramVersion;
import io.acqsim.codec.emv.EmvData;
import io.acqsim.codec.emv.EmvTags;
import io.acqsim.core.rules.RuleParser;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.RunningServer;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.channel.ASCIIChannel;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chip and PIN over real TCP with jPOS's own channels, against the shipped configuration (test
 * IMK-AC {@code 0123456789ABCDEFFEDCBA9876543210} for every BIN, {@code keys.tpk} for PINs).
 */
class ChipOverTcpTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final LocalDate TODAY = LocalDate.now();
    private static final AtomicInteger STAN = new AtomicInteger(100);
    private static AcqsimServer server;
    private static AdminClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = AcqsimServer.start(RunningServer.shippedConfig());
        admin = new AdminClient(server.adminPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static BaseChannel binary() throws Exception {
        BaseChannel c = new NACChannel("127.0.0.1", server.port("iso87-binary"), new ISO87BPackager(),
                ISOUtil.hex2byte("6000060000"));
        c.setTimeout(10_000);
        c.connect();
        return c;
    }

    static BaseChannel ascii() throws Exception {
        BaseChannel c = new ASCIIChannel("127.0.0.1", server.port("iso87-ascii"), new ISO87APackager());
        c.setTimeout(10_000);
        c.connect();
        return c;
    }

    static ISOMsg sale(String pan, long amount, String stan, String terminal) throws Exception {
        ISOMsg m = new ISOMsg("0200");
        m.set(2, pan);
        m.set(3, "000000");
        m.set(4, String.format("%012d", amount));
        m.set(7, "1129120000");
        m.set(11, stan);
        m.set(22, "051");
        m.set(41, terminal);
        m.set(42, "MERCHANT0000001");
        m.set(49, "840");
        return m;
    }

    static ISOMsg exchange(BaseChannel c, ISOMsg m) throws Exception {
        c.send(m);
        return c.receive();
    }

    static String stan() {
        return String.format("%06d", STAN.incrementAndGet());
    }

    static long balance(String pan) {
        return server.ledger().find(pan).orElseThrow().balance();
    }

    static void open(String pan) throws Exception {
        assertThat(admin.put("/accounts/" + pan, "{\"balance\":1000000,\"currency\":\"840\"}").status()).isEqualTo(200);
    }

    static void rule(String json) throws Exception {
        server.rules().add(RuleParser.parse(new ObjectMapper().readTree(json), ""));
    }

    @Test
    void chipSaleWithARightArqcIsApprovedAndCarriesAnArpcTheCardAccepts() throws Exception {
        String pan = "4761739001010101";
        open(pan);
        ChipCard card = ChipCard.testCard(pan, CryptogramVersion.VISA_18);
        byte[] de55 = card.request(2500, "840", TODAY, 7);
        BaseChannel c = binary();
        try {
            ISOMsg sale = sale(pan, 2500, stan(), "29110001");
            sale.set(55, de55);
            ISOMsg rsp = exchange(c, sale);

            assertThat(rsp.getString(39)).isEqualTo("00");
            byte[] back = rsp.getBytes(55);
            assertThat(EmvData.parse(back).get(EmvTags.ISSUER_AUTHENTICATION_DATA)).hasSize(8).endsWith(0x00, 0x80, 0x00, 0x00);
            assertThat(card.acceptsIssuerAuthentication(de55, back)).isTrue();
        } finally {
            c.disconnect();
        }
        assertThat(balance(pan)).isEqualTo(1_000_000 - 2500);
    }

    @Test
    void visaCvn10OverAsciiGetsAnArpcMethodOneWithTheResponseCode() throws Exception {
        String pan = "4761739001010119";
        open(pan);
        ChipCard card = ChipCard.testCard(pan, CryptogramVersion.VISA_10);
        byte[] de55 = card.request(1200, "840", TODAY, 8);
        BaseChannel c = ascii();
        try {
            ISOMsg sale = sale(pan, 1200, stan(), "29110002");
            sale.set(55, de55);
            ISOMsg rsp = exchange(c, sale);

            assertThat(rsp.getString(39)).isEqualTo("00");
            byte[] tag91 = EmvData.parse(rsp.getBytes(55)).get(EmvTags.ISSUER_AUTHENTICATION_DATA);
            assertThat(tag91).hasSize(10).endsWith('0', '0');
            assertThat(card.acceptsIssuerAuthentication(de55, rsp.getBytes(55))).isTrue();
        } finally {
            c.disconnect();
        }
        assertThat(balance(pan)).isEqualTo(1_000_000 - 1200);
    }

    @Test
    void aWrongArqcIsDeclined05WithNoLedgerEffectAndNoArpc() throws Exception {
        String pan = "5413330089010137";
        open(pan);
        ChipCard card = ChipCard.testCard(pan, CryptogramVersion.MASTERCARD_20);
        BaseChannel c = binary();
        try {
            ISOMsg sale = sale(pan, 3000, stan(), "29110003");
            sale.set(55, card.requestWithWrongArqc(3000, "840", TODAY, 9));
            ISOMsg rsp = exchange(c, sale);

            assertThat(rsp.getString(39)).isEqualTo("05");
            assertThat(rsp.hasField(38)).isFalse();
            assertThat(rsp.hasField(55)).as("no ARPC without a verified ARQC").isFalse();
        } finally {
            c.disconnect();
        }
        assertThat(balance(pan)).isEqualTo(1_000_000);
    }

    @Test
    void malformedDe55IsAFormatError() throws Exception {
        String pan = "4761739001010127";
        open(pan);
        BaseChannel c = binary();
        try {
            ISOMsg sale = sale(pan, 1000, stan(), "29110004");
            sale.set(55, HEX.parseHex("9F2608112233"));
            assertThat(exchange(c, sale).getString(39)).isEqualTo("30");
        } finally {
            c.disconnect();
        }
        assertThat(balance(pan)).isEqualTo(1_000_000);
    }

    @Test
    void anOmittedArpcFollowedByTheTerminalsReversalLeavesTheLedgerAsBefore() throws Exception {
        String pan = "4761739001010135";
        String terminal = "29110005";
        open(pan);
        rule("{\"match\":{\"pan\":\"" + pan + "\"},\"action\":{\"arpc\":\"omit\"},\"times\":1}");
        ChipCard card = ChipCard.testCard(pan, CryptogramVersion.VISA_18);
        byte[] de55 = card.request(4200, "840", TODAY, 10);
        String stan = stan();
        BaseChannel c = binary();
        try {
            ISOMsg sale = sale(pan, 4200, stan, terminal);
            sale.set(55, de55);
            ISOMsg rsp = exchange(c, sale);
            assertThat(rsp.getString(39)).isEqualTo("00");
            assertThat(rsp.hasField(55) && EmvData.parse(rsp.getBytes(55)).has(EmvTags.ISSUER_AUTHENTICATION_DATA)).isFalse();
            assertThat(card.acceptsIssuerAuthentication(de55, rsp.getBytes(55))).isFalse();
            assertThat(balance(pan)).isEqualTo(1_000_000 - 4200);
            assertThat(server.reversalWatch().describe(terminal).get("waiting")).isEqualTo(1);

            // The card declined at its second GENERATE AC (AAC): the terminal reverses.
            ISOMsg reversal = sale(pan, 4200, stan, terminal);
            reversal.setMTI("0400");
            reversal.set(39, "E1");
            reversal.set(55, HEX.parseHex("9F270100" + "9F2608" + "0102030405060708"));
            ISOMsg r2 = exchange(c, reversal);
            assertThat(r2.getMTI()).isEqualTo("0410");
            assertThat(r2.getString(39)).isEqualTo("00");
        } finally {
            c.disconnect();
        }
        assertThat(balance(pan)).isEqualTo(1_000_000);
        var watch = server.reversalWatch().describe(terminal);
        assertThat(watch.get("reversed")).isEqualTo(1);
        assertThat(watch.get("entries").toString()).contains("ARPC omitted");
    }

    @Test
    void aCorruptedArpcIsRefusedByTheCardAndListedAsAnOwedReversal() throws Exception {
        String pan = "4761739001010143";
        String terminal = "29110006";
        open(pan);
        rule("{\"match\":{\"pan\":\"" + pan + "\"},\"action\":{\"arpc\":\"corrupt\"},\"times\":1}");
        ChipCard card = ChipCard.testCard(pan, CryptogramVersion.VISA_18);
        byte[] de55 = card.request(900, "840", TODAY, 11);
        BaseChannel c = binary();
        try {
            ISOMsg sale = sale(pan, 900, stan(), terminal);
            sale.set(55, de55);
            ISOMsg rsp = exchange(c, sale);
            assertThat(rsp.getString(39)).isEqualTo("00");
            assertThat(EmvData.parse(rsp.getBytes(55)).get(EmvTags.ISSUER_AUTHENTICATION_DATA)).hasSize(8);
            assertThat(card.acceptsIssuerAuthentication(de55, rsp.getBytes(55))).isFalse();

            // times: 1 — the next chip sale gets a good ARPC again.
            byte[] next = card.request(901, "840", TODAY, 12);
            ISOMsg sale2 = sale(pan, 901, stan(), terminal);
            sale2.set(55, next);
            assertThat(card.acceptsIssuerAuthentication(next, exchange(c, sale2).getBytes(55))).isTrue();
        } finally {
            c.disconnect();
        }
        var watch = server.reversalWatch().describe(terminal);
        assertThat(watch.get("waiting")).isEqualTo(1);
        assertThat(watch.get("entries").toString()).contains("ARPC corrupted");
    }

    @Test
    void anIssuerScriptRuleAddsATemplate72() throws Exception {
        String pan = "4761739001010150";
        open(pan);
        rule("{\"match\":{\"pan\":\"" + pan + "\"},\"action\":{\"issuerScript\":{\"template\":\"72\",\"id\":\"00000009\","
                + "\"commands\":[\"841E000004AABBCCDD\"]}}}");
        ChipCard card = ChipCard.testCard(pan, CryptogramVersion.VISA_18);
        byte[] de55 = card.request(700, "840", TODAY, 13);
        BaseChannel c = binary();
        try {
            ISOMsg sale = sale(pan, 700, stan(), "29110007");
            sale.set(55, de55);
            byte[] back = exchange(c, sale).getBytes(55);
            EmvData data = EmvData.parse(back);
            assertThat(data.objects()).extracting(t -> t.tagHex()).containsExactly("91", "72");
            assertThat(HEX.formatHex(data.get(EmvTags.ISSUER_SCRIPT_IDENTIFIER))).isEqualTo("00000009");
            assertThat(HEX.formatHex(data.get(EmvTags.ISSUER_SCRIPT_COMMAND))).isEqualTo("841E000004AABBCCDD");
            assertThat(card.acceptsIssuerAuthentication(de55, back)).isTrue();
        } finally {
            c.disconnect();
        }
    }

    @Test
    void theTransactionViewShowsTheDecodedTagsWithTheCardDataHidden() throws Exception {
        String pan = "4761739001010168";
        open(pan);
        ChipCard card = ChipCard.testCard(pan, CryptogramVersion.VISA_18);
        byte[] de55 = card.request(650, "840", TODAY, 14);
        byte[] withPan = new byte[de55.length + 10];
        System.arraycopy(de55, 0, withPan, 0, de55.length);
        System.arraycopy(HEX.parseHex("5A084761739001010168"), 0, withPan, de55.length, 10);
        String rrn;
        BaseChannel c = binary();
        try {
            ISOMsg sale = sale(pan, 650, stan(), "29110008");
            sale.set(55, withPan);
            ISOMsg rsp = exchange(c, sale);
            assertThat(rsp.getString(39)).isEqualTo("00");
            rrn = rsp.getString(37);
        } finally {
            c.disconnect();
        }
        var tx = admin.get("/transactions?rrn=" + rrn).json().get(0);
        String emv = tx.get("emv").toString();
        assertThat(emv).contains("\"tag\":\"9F26\"").contains("Application Cryptogram").contains("\"tag\":\"91\"")
                .contains("[8 bytes hidden]").contains("ARQC verified");
        assertThat(tx.toString()).doesNotContain("4761739001010168");
    }

    @Test
    void aWrongPinThreeTimesGives55Then55Then75UntilThePinIsSetAgain() throws Exception {
        String pan = "4761739001010176";
        String terminal = "29110009";
        assertThat(admin.put("/accounts/" + pan, "{\"balance\":1000000,\"currency\":\"840\",\"pin\":\"1234\"}").body())
                .contains("\"hasPin\":true").doesNotContain("1234\"");
        byte[] tpk = HEX.parseHex(RunningServer.shippedConfig().keys().tpk());
        ChipCard card = ChipCard.testCard(pan, CryptogramVersion.VISA_18);
        BaseChannel c = binary();
        try {
            assertThat(pinSale(c, pan, terminal, card.pinBlock("1234", tpk))).isEqualTo("00");
            assertThat(pinSale(c, pan, terminal, card.pinBlock("9999", tpk))).isEqualTo("55");
            assertThat(pinSale(c, pan, terminal, card.pinBlock("1234", tpk))).as("a right PIN resets the count").isEqualTo("00");
            assertThat(pinSale(c, pan, terminal, card.pinBlock("1111", tpk))).isEqualTo("55");
            assertThat(pinSale(c, pan, terminal, card.pinBlock("2222", tpk))).isEqualTo("55");
            assertThat(pinSale(c, pan, terminal, card.pinBlock("3333", tpk))).isEqualTo("75");
            assertThat(pinSale(c, pan, terminal, card.pinBlock("1234", tpk))).as("locked until the PIN is set again").isEqualTo("75");
            assertThat(admin.put("/accounts/" + pan, "{\"pin\":\"4321\"}").status()).isEqualTo(200);
            assertThat(pinSale(c, pan, terminal, card.pinBlock("4321", tpk))).isEqualTo("00");
        } finally {
            c.disconnect();
        }
        assertThat(balance(pan)).as("three approved sales of 10.00").isEqualTo(1_000_000 - 3 * 1000);
        assertThat(admin.get("/accounts/" + pan).body()).contains("\"hasPin\":true").doesNotContain("4321");
    }

    private static String pinSale(BaseChannel c, String pan, String terminal, byte[] de52) throws Exception {
        ISOMsg sale = sale(pan, 1000, stan(), terminal);
        sale.set(52, de52);
        return exchange(c, sale).getString(39);
    }

    @Test
    void cupChipSaleWithAPinUnderTheSignOnPikAndItsReversal() throws Exception {
        io.acqsim.codec.dialect.Dialect cup = io.acqsim.codec.dialect.CupPos.INSTANCE;
        String pan = "6222020000000184";
        assertThat(admin.put("/accounts/" + pan, "{\"balance\":100000,\"pin\":\"8888\"}").status()).isEqualTo(200);
        byte[] pik = HEX.parseHex(RunningServer.shippedConfig().mac().pik());
        ChipCard card = ChipCard.testCard(pan, CryptogramVersion.VISA_18);
        try (io.acqsim.core.testing.IsoClient c = new io.acqsim.core.testing.IsoClient(cup, server.port("cup-pos"))) {
            byte[] de55 = card.request(2000, "156", TODAY, 20);
            io.acqsim.codec.IsoFrame sale = io.acqsim.core.testing.Messages.sale(cup, pan, 2000, 301);
            sale.msg().set(55, de55);
            sale.msg().set(52, card.pinBlock("8888", pik));
            ISOMsg rsp = c.exchange(sale).msg();
            assertThat(rsp.getString(39)).isEqualTo("00");
            assertThat(card.acceptsIssuerAuthentication(de55, rsp.getBytes(55))).isTrue();
            assertThat(balance(pan)).isEqualTo(100000 - 2000);

            io.acqsim.codec.IsoFrame wrongPin = io.acqsim.core.testing.Messages.sale(cup, pan, 2000, 302);
            wrongPin.msg().set(52, card.pinBlock("8889", pik));
            assertThat(c.exchange(wrongPin).msg().getString(39)).isEqualTo("55");

            io.acqsim.codec.IsoFrame reversal = io.acqsim.core.testing.Messages.sale(cup, pan, 2000, 301);
            reversal.msg().setMTI("0400");
            reversal.msg().set(39, "98");
            assertThat(c.exchange(reversal).msg().getString(39)).isEqualTo("00");
        }
        assertThat(balance(pan)).isEqualTo(100000);
    }
}
