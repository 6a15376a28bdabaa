package io.acqsim.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.CupPos;
import io.acqsim.codec.mac.CupEcbMac;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CUP sign-on working keys and MAC checking over real TCP, with mac.enabled. */
class MacOverTcpTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String TMK = "1111111111111111";
    private static final String MAK = "0123456789ABCDEF";
    private static final CupPos CUP = CupPos.INSTANCE;
    private static AcqsimServer server;

    @BeforeAll
    static void start() throws Exception {
        server = AcqsimServer.start(RunningServer.config(
                "mac: { enabled: true, mak: " + MAK + ", pik: 2222222222222222, tmk: " + TMK + " }\n"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] macOf(ISOMsg m) throws Exception {
        ISOMsg copy = (ISOMsg) m.clone();
        copy.set(64, new byte[8]);
        copy.recalcBitMap();
        byte[] packed = CUP.packager().pack(copy);
        return CupEcbMac.INSTANCE.mac(HEX.parseHex(MAK), Arrays.copyOf(packed, packed.length - 8));
    }

    private static IsoClient client() throws Exception {
        return new IsoClient(CUP, server.port("cup-pos"));
    }

    @Test
    void signOnHandsOutTheMakEncryptedUnderTheTmk() throws Exception {
        try (IsoClient c = client()) {
            ISOMsg rsp = c.exchange(Messages.signOn(CUP, 1)).msg();
            assertThat(rsp.getString(39)).isEqualTo("00");
            byte[] de62 = rsp.getBytes(62);
            assertThat(de62).hasSize(24);
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            des.init(Cipher.DECRYPT_MODE, new SecretKeySpec(HEX.parseHex(TMK), "DES"));
            assertThat(HEX.formatHex(des.doFinal(Arrays.copyOfRange(de62, 12, 20)))).isEqualTo(MAK);
            assertThat(HEX.formatHex(des.doFinal(Arrays.copyOfRange(de62, 0, 8)))).isEqualTo("2222222222222222");
            assertThat(rsp.hasField(64)).as("no MAC on a sign-on answer").isFalse();
        }
    }

    @Test
    void saleWithoutMacIsAnsweredA0AndNotPosted() throws Exception {
        try (IsoClient c = client()) {
            ISOMsg rsp = c.exchange(Messages.sale(CUP, "6222030000000001", 1000, 2)).msg();
            assertThat(rsp.getString(39)).isEqualTo("A0");
            assertThat(rsp.hasField(38)).isFalse();
        }
        assertThat(server.ledger().find("6222030000000001")).isEmpty();
    }

    @Test
    void saleWithWrongMacIsAnsweredA0() throws Exception {
        try (IsoClient c = client()) {
            IsoFrame sale = Messages.sale(CUP, "6222030000000002", 1000, 3);
            byte[] mac = macOf(sale.msg());
            mac[0] ^= 1;
            sale.msg().set(64, mac);
            assertThat(c.exchange(sale).msg().getString(39)).isEqualTo("A0");
        }
        assertThat(server.ledger().find("6222030000000002")).isEmpty();
    }

    @Test
    void saleWithGoodMacIsApprovedAndTheAnswerCarriesAGoodMac() throws Exception {
        try (IsoClient c = client()) {
            IsoFrame sale = Messages.sale(CUP, "6222030000000003", 1000, 4);
            sale.msg().set(64, macOf(sale.msg()));
            ISOMsg rsp = c.exchange(sale).msg();
            assertThat(rsp.getString(39)).isEqualTo("00");
            assertThat(rsp.getBytes(64)).isEqualTo(macOf(rsp));
        }
        assertThat(server.ledger().find("6222030000000003").orElseThrow().balance()).isEqualTo(1_000_000 - 1000);
    }

    @Test
    void scriptedCorruptMacSpoilsAValidMac() throws Exception {
        try (IsoClient c = client()) {
            IsoFrame sale = Messages.sale(CUP, "6222030000000004", 910004, 5);
            sale.msg().set(64, macOf(sale.msg()));
            ISOMsg rsp = c.exchange(sale).msg();
            assertThat(rsp.getString(39)).isEqualTo("00");
            assertThat(rsp.getBytes(64)).hasSize(8).isNotEqualTo(macOf(rsp));
        }
        assertThat(server.ledger().find("6222030000000004").orElseThrow().balance())
                .as("9100.04 is processed and posted").isEqualTo(1_000_000 - 910004);
    }
}
