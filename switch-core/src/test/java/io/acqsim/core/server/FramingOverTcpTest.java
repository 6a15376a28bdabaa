package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.framing.FrameMeasure;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87APackager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Framings declared in configuration, over real TCP: no length prefix at all (the layout tells
 * where each message ends), and a 2-byte length that counts itself with a fixed header. The
 * messages are packed by jPOS's ISO87APackager, so only the framing is acqsim's.
 */
class FramingOverTcpTest {
    private static AcqsimServer server;
    private static AdminClient admin;
    private static Dialect raw;

    @BeforeAll
    static void start() throws Exception {
        AcqsimConfig config = RunningServer.config("""
                dialects:
                  raw: { extends: iso87-ascii, framing: { length: none } }
                  counted: { extends: iso87-ascii, framing: { length: binary2, lengthCountsItself: true, header: "A1B2" } }
                listeners:
                  raw: { dialect: raw, port: 0 }
                  counted: { dialect: counted, port: 0 }
                """);
        raw = config.dialectsByName().get("raw");
        server = AcqsimServer.start(config);
        admin = new AdminClient(server.adminPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] sale(String pan, int stan) throws Exception {
        ISOMsg m = new ISOMsg("0200");
        m.set(2, pan);
        m.set(3, "000000");
        m.set(4, "000000000700");
        m.set(7, "1129103005");
        m.set(11, String.format("%06d", stan));
        m.set(41, "TERMFR01");
        m.set(42, "MERCHANT0000001");
        m.set(49, "156");
        m.setPackager(new ISO87APackager());
        return m.pack();
    }

    private static ISOMsg unpack(byte[] body) throws Exception {
        ISOMsg m = new ISOMsg();
        m.setPackager(new ISO87APackager());
        m.unpack(body);
        return m;
    }

    private static Socket connect(String listener) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port(listener)), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void withoutALengthPrefixTwoSalesInOneWriteAreTwoMessages() throws Exception {
        String pan = "4111110000880001";
        admin.put("/accounts/" + pan, "{\"balance\": 10000}");
        byte[] one = sale(pan, 1);
        byte[] two = sale(pan, 2);
        byte[] both = Arrays.copyOf(one, one.length + two.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        try (Socket s = connect("raw")) {
            s.getOutputStream().write(both);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ISOMsg[] answers = new ISOMsg[2];
            int n = 0;
            while (n < 2) {
                int b = in.read();
                assertThat(b).as("connection still open after %d answers", n).isNotNegative();
                got.write(b);
                byte[] sofar = got.toByteArray();
                int end = raw.measure(sofar, sofar.length);
                assertThat(end).isNotEqualTo(FrameMeasure.MALFORMED);
                if (end > 0) {
                    answers[n++] = unpack(Arrays.copyOf(sofar, end));
                    got.reset();
                    got.write(sofar, end, sofar.length - end);
                }
            }
            assertThat(answers[0].getMTI()).isEqualTo("0210");
            assertThat(answers[0].getString(11)).isEqualTo("000001");
            assertThat(answers[0].getString(39)).isEqualTo("00");
            assertThat(answers[1].getString(11)).isEqualTo("000002");
            assertThat(answers[1].getString(39)).isEqualTo("00");
        }
        assertThat(admin.balance(pan)).isEqualTo(10000 - 2 * 700);
    }

    @Test
    void aLengthThatCountsItselfAndAFixedHeaderAreReadAndEchoed() throws Exception {
        String pan = "4111110000880002";
        admin.put("/accounts/" + pan, "{\"balance\": 10000}");
        byte[] iso = sale(pan, 3);
        byte[] frame = new byte[2 + 2 + iso.length];
        int length = frame.length; // counts its own two bytes, the header and the message
        frame[0] = (byte) (length >>> 8);
        frame[1] = (byte) length;
        frame[2] = (byte) 0xA1;
        frame[3] = (byte) 0xB2;
        System.arraycopy(iso, 0, frame, 4, iso.length);
        try (Socket s = connect("counted")) {
            s.getOutputStream().write(frame);
            DataInputStream in = new DataInputStream(s.getInputStream());
            int announced = in.readUnsignedShort();
            byte[] rest = new byte[announced - 2];
            in.readFully(rest);
            assertThat(rest[0]).isEqualTo((byte) 0xA1);
            assertThat(rest[1]).isEqualTo((byte) 0xB2);
            ISOMsg rsp = unpack(Arrays.copyOfRange(rest, 2, rest.length));
            assertThat(rsp.getMTI()).isEqualTo("0210");
            assertThat(rsp.getString(39)).isEqualTo("00");
        }
        assertThat(admin.balance(pan)).isEqualTo(10000 - 700);
    }
}
