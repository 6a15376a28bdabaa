package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.testing.SharedServer;
import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.channel.ASCIIChannel;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The foundation's acceptance check with jPOS's own client channels: what a developer's jPOS code
 * will really send.
 */
class JposChannelClientTest {
    @RegisterExtension
    static final SharedServer acqsim = new SharedServer();

    @Test
    void asciiChannelGetsSignOnAndApprovedSale() throws Exception {
        BaseChannel channel = new ASCIIChannel("127.0.0.1", acqsim.server().port("iso87-ascii"), new ISO87APackager());
        exerciseSignOnAndSale(channel, "5200000000000007");
    }

    @Test
    void nacChannelWithTpduGetsSignOnAndApprovedSale() throws Exception {
        byte[] tpdu = ISOUtil.hex2byte("6000060000");
        BaseChannel channel = new NACChannel("127.0.0.1", acqsim.server().port("iso87-binary"), new ISO87BPackager(), tpdu);
        exerciseSignOnAndSale(channel, "5200000000000015");
    }

    private static void exerciseSignOnAndSale(BaseChannel channel, String pan) throws Exception {
        channel.setTimeout(10_000);
        channel.connect();
        try {
            ISOMsg signOn = new ISOMsg("0800");
            signOn.set(7, "1122334455");
            signOn.set(11, "000001");
            signOn.set(70, "001");
            channel.send(signOn);
            ISOMsg r1 = channel.receive();
            assertThat(r1.getMTI()).isEqualTo("0810");
            assertThat(r1.getString(39)).isEqualTo("00");
            assertThat(r1.getString(70)).isEqualTo("001");

            long before = 1_000_000;
            ISOMsg sale = new ISOMsg("0200");
            sale.set(2, pan);
            sale.set(3, "000000");
            sale.set(4, "000000002500");
            sale.set(7, "1122334455");
            sale.set(11, "000002");
            sale.set(41, "29110001");
            sale.set(42, "MERCHANT0000001");
            sale.set(49, "840");
            channel.send(sale);
            ISOMsg r2 = channel.receive();
            assertThat(r2.getMTI()).isEqualTo("0210");
            assertThat(r2.getString(39)).isEqualTo("00");
            assertThat(r2.getString(11)).isEqualTo("000002");
            assertThat(r2.getString(38)).hasSize(6);
            assertThat(acqsim.admin().balance(pan)).isEqualTo(before - 2500);
        } finally {
            channel.disconnect();
        }
    }
}
