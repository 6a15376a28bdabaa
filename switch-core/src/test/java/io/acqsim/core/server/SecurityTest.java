package io.acqsim.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.codec.dialect.CupPos;
import io.acqsim.codec.dialect.Dialect;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.config.ConfigLoader;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.IsoClient;
import io.acqsim.core.testing.LogCapture;
import io.acqsim.core.testing.Messages;
import io.acqsim.core.testing.RunningServer;
import io.acqsim.core.testing.TestCertificate;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS per listener, the admin API's loopback default and bearer token, and card data in logs. */
class SecurityTest {
    private static final Dialect CUP = CupPos.INSTANCE;

    @Test
    void tlsListenerCompletesASaleWithACertificateMadeForTheTest(@TempDir Path dir) throws Exception {
        TestCertificate cert = TestCertificate.create(dir);
        AcqsimConfig config = RunningServer.config("listeners:\n"
                + "  cup-pos: { dialect: cup-pos, port: 0, tls: { certificate: " + cert.certificatePem()
                + ", key: " + cert.keyPem() + " } }\n");
        try (AcqsimServer server = AcqsimServer.start(config)) {
            int port = server.port("cup-pos");
            SSLSocket tls = (SSLSocket) cert.clientContext().getSocketFactory().createSocket();
            tls.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            tls.startHandshake();
            try (IsoClient c = new IsoClient(CUP, tls, Duration.ofSeconds(10))) {
                ISOMsg r = c.exchange(Messages.sale(CUP, "6225880123456789", 1050, 21)).msg();
                assertThat(r.getMTI()).isEqualTo("0210");
                assertThat(r.getString(39)).isEqualTo("00");
                assertThat(r.getString(11)).isEqualTo("000021");
            }
            assertThat(server.ledger().find("6225880123456789").orElseThrow().balance()).isEqualTo(1_000_000 - 1050);
            // Plain TCP to a TLS listener gets no ISO answer: the bytes are not a TLS record.
            try (IsoClient plain = new IsoClient(CUP, port, Duration.ofSeconds(5))) {
                plain.send(Messages.signOn(CUP, 1));
                assertThat(plain.closedByPeer()).isTrue();
            }
        }
    }

    @Test
    void failedTlsHandshakesAreMeteredAndLoggedOncePerIntervalNotOncePerProbe(@TempDir Path dir) throws Exception {
        TestCertificate cert = TestCertificate.create(dir);
        AcqsimConfig config = RunningServer.config("listeners:\n"
                + "  cup-pos: { dialect: cup-pos, port: 0, tls: { certificate: " + cert.certificatePem()
                + ", key: " + cert.keyPem() + " } }\n");
        try (AcqsimServer server = AcqsimServer.start(config);
             LogCapture log = LogCapture.of("io.acqsim")) {
            int port = server.port("cup-pos");
            for (int i = 0; i < 12; i++) {
                try (IsoClient plain = new IsoClient(CUP, port, Duration.ofSeconds(5))) {
                    plain.send(Messages.signOn(CUP, i + 1));
                    assertThat(plain.closedByPeer()).isTrue();
                }
            }
            io.acqsim.core.testing.Await.until("12 failed handshakes metered", Duration.ofSeconds(10),
                    () -> server.metrics().registry().get("acqsim.tls.handshake.failures").tag("dialect", "cup-pos")
                            .counter().count() == 12);
            assertThat(log.messages().stream().filter(m -> m.contains("TLS handshake"))).hasSize(1)
                    .allMatch(m -> m.contains("cup-pos") && m.contains("failed"));
            assertThat(log.messages()).noneMatch(m -> m.contains("closing after error"));
            // A real TLS client is still served.
            SSLSocket tls = (SSLSocket) cert.clientContext().getSocketFactory().createSocket();
            tls.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            tls.startHandshake();
            try (IsoClient c = new IsoClient(CUP, tls, Duration.ofSeconds(10))) {
                assertThat(c.exchange(Messages.signOn(CUP, 99)).msg().getString(39)).isEqualTo("00");
            }
        }
    }

    @Test
    void tlsKeyThatIsNotAKeyStopsTheStartNamingTheListener(@TempDir Path dir) throws Exception {
        TestCertificate cert = TestCertificate.create(dir);
        Path notAKey = Files.writeString(dir.resolve("bad-key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        AcqsimConfig config = RunningServer.config("listeners:\n"
                + "  cup-pos: { dialect: cup-pos, port: 0, tls: { certificate: " + cert.certificatePem()
                + ", key: " + notAKey + " } }\n");
        assertThatThrownBy(() -> AcqsimServer.start(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("listeners.cup-pos.tls: cannot use certificate");
    }

    @Test
    void missingTlsFileIsAConfigurationErrorNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("listeners:\n  cup-pos: { dialect: cup-pos, port: 0, tls: "
                + "{ certificate: nowhere.pem, key: nowhere-key.pem } }\n", "acqsim.yaml", Path.of("/tmp")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("acqsim.yaml: listeners.cup-pos.tls.certificate: no readable file");
    }

    @Test
    void adminApiIsOnLoopbackByDefault() {
        assertThat(AcqsimConfig.defaults().admin().host()).isEqualTo("127.0.0.1");
        assertThat(RunningServer.shippedConfig().admin().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void adminTokenIsRequiredOnEveryCallWhenConfigured() throws Exception {
        try (AcqsimServer server = AcqsimServer.start(RunningServer.config("admin:\n  token: s3cret\n"))) {
            AdminClient anonymous = new AdminClient(server.adminPort());
            AdminClient wrong = new AdminClient(server.adminPort()).withToken("guess");
            AdminClient right = new AdminClient(server.adminPort()).withToken("s3cret");

            AdminClient.Result denied = anonymous.get("/accounts/4111111111111111");
            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.json().get("error").asText()).contains("bearer token");
            assertThat(wrong.put("/accounts/4111111111111111", "{\"balance\": 1}").status()).isEqualTo(401);
            assertThat(server.ledger().find("4111111111111111").orElseThrow().balance()).isEqualTo(1_000_000);
            assertThat(right.get("/accounts/4111111111111111").status()).isEqualTo(200);
        }
    }

    @Test
    void panNeverAppearsUnmaskedInTheLogOfAnUndecodableFrame() throws Exception {
        Dialect d = io.acqsim.codec.dialect.Iso87Ascii.INSTANCE;
        String pan = "4761739001010010";
        try (AcqsimServer server = RunningServer.start();
             LogCapture log = LogCapture.of("io.acqsim");
             IsoClient c = new IsoClient(d, server.port(d.name()))) {
            byte[] body = d.encode(Messages.sale(d, pan, 100, 5));
            int de3 = 4 + 16 + 2 + pan.length();
            body[de3] = 'X'; // breaks right after the PAN, before DE11: the frame is dumped and closed
            c.sendRaw(IsoClient.frame(d, body));
            assertThat(c.closedByPeer()).isTrue();
            assertThat(log.contains("undecodable")).isTrue();
            assertThat(log.messages()).noneMatch(m -> m.contains(pan) || m.contains(hexOf(pan))
                    || m.contains(pan.substring(6, 12)));
        }
    }

    private static String hexOf(String ascii) {
        return java.util.HexFormat.of().withUpperCase().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
