package io.acqsim.codec.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.dialect.Iso87Ascii;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOException;
import org.jpos.iso.channel.ASCIIChannel;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.GenericPackager;
import org.jpos.iso.packager.ISO87BPackager;
import org.jpos.iso.packager.ISO93APackager;
import org.jpos.iso.channel.PostChannel;
import io.acqsim.codec.dialect.Layouts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ISO vectors are what jPOS itself puts on the wire: each vector's fields are sent through a
 * real jPOS channel ({@code ASCIIChannel} + {@code ISO87APackager} or {@code ISO93APackager},
 * {@code NACChannel} + {@code ISO87BPackager} with the vector's TPDU, {@code PostChannel} +
 * {@code GenericPackager} of the shipped iso87-ebcdic XML) over loopback, and the bytes received
 * must be the vector's frame.
 */
class JposChannelCrossCheckTest {
    static Stream<GoldenVector> isoVectors() {
        return Stream.of("iso87-ascii", "iso87-binary", "iso93-ascii", "iso87-ebcdic")
                .flatMap(d -> GoldenVectors.of(d).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("isoVectors")
    void jposChannelSendsTheGoldenFrame(GoldenVector v) throws Exception {
        assertThat(HexFormat.of().formatHex(sendThroughJpos(v)))
                .isEqualTo(HexFormat.of().formatHex(v.frame()));
    }

    private static byte[] sendThroughJpos(GoldenVector v) throws IOException, ISOException {
        IsoFrame frame = v.toIsoFrame();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String host = server.getInetAddress().getHostAddress();
            BaseChannel channel;
            if (v.dialect().equals(Iso87Ascii.NAME)) {
                channel = new ASCIIChannel(host, server.getLocalPort(), new ISO87APackager());
            } else if (v.dialect().equals("iso93-ascii")) {
                channel = new ASCIIChannel(host, server.getLocalPort(), new ISO93APackager());
            } else if (v.dialect().equals("iso87-ebcdic")) {
                // jPOS's own GenericPackager reading the shipped XML; PostChannel: 2-byte binary length
                channel = new PostChannel(host, server.getLocalPort(), ebcdicPackager());
            } else {
                byte[] tpdu = new byte[5];
                frame.tpdu().write(tpdu, 0);
                channel = new NACChannel(host, server.getLocalPort(), new ISO87BPackager(), tpdu);
            }
            channel.setTimeout(5_000);
            channel.connect();
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(5_000);
                channel.send(frame.msg());
                channel.disconnect();
                try (InputStream in = accepted.getInputStream()) {
                    return in.readAllBytes();
                }
            }
        }
    }

    private static GenericPackager ebcdicPackager() throws ISOException, IOException {
        try (InputStream in = Layouts.class.getResourceAsStream(Layouts.ISO87_EBCDIC_XML)) {
            return new GenericPackager(in);
        }
    }
}
