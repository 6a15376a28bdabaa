package io.acqsim.core.chip;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.key.CheckValue;
import io.acqsim.codec.key.TripleDes;
import io.acqsim.codec.mac.X919Mac;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.RunningServer;
import java.util.Arrays;
import java.util.HexFormat;
import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ISO key exchange (0800 DE70 101) and X9.19 MACs under the exchanged TAK, with {@code mac.enabled},
 * over real TCP with jPOS's NACChannel.
 */
class KeyExchangeOverTcpTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String TMK = "0123456789ABCDEFFEDCBA9876543210";
    private static final ISOPackager PACKAGER = new ISO87BPackager();
    private static AcqsimServer server;

    @BeforeAll
    static void start() throws Exception {
        server = AcqsimServer.start(RunningServer.config("mac: { enabled: true }\nkeys: { tmk: " + TMK + " }\n"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static BaseChannel connect() throws Exception {
        BaseChannel c = new NACChannel("127.0.0.1", server.port("iso87-binary"), PACKAGER, ISOUtil.hex2byte("6000060000"));
        c.setTimeout(10_000);
        c.connect();
        return c;
    }

    private static ISOMsg exchange(BaseChannel c, ISOMsg m) throws Exception {
        c.send(m);
        return c.receive();
    }

    /** The X9.19 MAC of the packed message up to DE64, as the terminal computes it. */
    private static byte[] mac(byte[] tak, ISOMsg m) throws Exception {
        ISOMsg copy = (ISOMsg) m.clone();
        copy.set(64, new byte[8]);
        copy.recalcBitMap();
        copy.setPackager(PACKAGER);
        byte[] packed = copy.pack();
        return X919Mac.INSTANCE.mac(tak, Arrays.copyOf(packed, packed.length - 8));
    }

    private static ISOMsg sale(String pan, String stan, String terminal) {
        ISOMsg m = new ISOMsg("0200");
        m.set(2, pan);
        m.set(3, "000000");
        m.set(4, "000000001500");
        m.set(7, "1129120000");
        m.set(11, stan);
        m.set(41, terminal);
        m.set(42, "MERCHANT0000001");
        m.set(49, "840");
        return m;
    }

    /** Sends 0800 DE70 101 and returns the new {TPK, TAK} after checking both check values. */
    private static byte[][] keyExchange(BaseChannel c, String terminal) throws Exception {
        ISOMsg ke = new ISOMsg("0800");
        ke.set(7, "1129120000");
        ke.set(11, "000001");
        ke.set(41, terminal);
        ke.set(70, "101");
        ISOMsg rsp = exchange(c, ke);
        assertThat(rsp.getMTI()).isEqualTo("0810");
        assertThat(rsp.getString(39)).isEqualTo("00");
        assertThat(rsp.getString(70)).isEqualTo("101");
        String de48 = rsp.getString(48);
        assertThat(de48).hasSize(76);
        byte[] tmk = HEX.parseHex(TMK);
        byte[] tpk = TripleDes.decrypt(tmk, HEX.parseHex(de48.substring(0, 32)));
        byte[] tak = TripleDes.decrypt(tmk, HEX.parseHex(de48.substring(38, 70)));
        assertThat(de48.substring(32, 38)).isEqualTo(HEX.formatHex(CheckValue.des(tpk)));
        assertThat(de48.substring(70, 76)).isEqualTo(HEX.formatHex(CheckValue.des(tak)));
        assertThat(tpk).isNotEqualTo(tak);
        return new byte[][] {tpk, tak};
    }

    @Test
    void keyExchangeThenAMacedSaleIsApprovedAndTheAnswerCarriesAMacUnderTheNewTak() throws Exception {
        String pan = "4761739001010200";
        String terminal = "29120001";
        server.chip().pins().set(pan, "1234");
        BaseChannel c = connect();
        try {
            byte[][] keys = keyExchange(c, terminal);
            ISOMsg wrongKey = sale(pan, "000012", terminal);
            wrongKey.set(52, ChipCard.testCard(pan, io.acqsim.codec.emv.CryptogramVersion.VISA_18)
                    .pinBlock("1234", HEX.parseHex(server.config().keys().tpk())));
            wrongKey.set(64, mac(keys[1], wrongKey));
            assertThat(exchange(c, wrongKey).getString(39)).as("PIN under the old TPK").isEqualTo("55");

            ISOMsg sale = sale(pan, "000002", terminal);
            sale.set(52, ChipCard.testCard(pan, io.acqsim.codec.emv.CryptogramVersion.VISA_18).pinBlock("1234", keys[0]));
            sale.set(64, mac(keys[1], sale));
            ISOMsg rsp = exchange(c, sale);

            assertThat(rsp.getString(39)).isEqualTo("00");
            assertThat(rsp.getBytes(64)).isEqualTo(mac(keys[1], rsp));
        } finally {
            c.disconnect();
        }
        assertThat(server.ledger().find(pan).orElseThrow().balance()).isEqualTo(1_000_000 - 1500);
    }

    @Test
    void aBadMacIsDeclined63WithNoLedgerEffect() throws Exception {
        String pan = "4761739001010218";
        String terminal = "29120002";
        BaseChannel c = connect();
        try {
            byte[][] keys = keyExchange(c, terminal);
            ISOMsg sale = sale(pan, "000003", terminal);
            byte[] bad = mac(keys[1], sale);
            bad[7] ^= 1;
            sale.set(64, bad);
            ISOMsg rsp = exchange(c, sale);
            assertThat(rsp.getString(39)).isEqualTo("63");
            assertThat(rsp.hasField(38)).isFalse();

            ISOMsg unsigned = sale(pan, "000004", terminal);
            assertThat(exchange(c, unsigned).getString(39)).isEqualTo("63");
        } finally {
            c.disconnect();
        }
        assertThat(server.ledger().find(pan)).isEmpty();
    }

    @Test
    void theOldTakNoLongerVerifiesAfterAKeyExchange() throws Exception {
        String pan = "4761739001010226";
        String terminal = "29120003";
        byte[] configured = HEX.parseHex(server.config().keys().tak());
        BaseChannel c = connect();
        try {
            ISOMsg before = sale(pan, "000005", terminal);
            before.set(64, mac(configured, before));
            assertThat(exchange(c, before).getString(39)).as("the configured TAK until a key exchange").isEqualTo("00");

            keyExchange(c, terminal);
            ISOMsg after = sale(pan, "000006", terminal);
            after.set(64, mac(configured, after));
            assertThat(exchange(c, after).getString(39)).isEqualTo("63");
        } finally {
            c.disconnect();
        }
    }
}
