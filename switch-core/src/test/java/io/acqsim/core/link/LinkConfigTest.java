package io.acqsim.core.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.config.ConfigLoader;
import io.acqsim.core.config.ListenerConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Connect-out listeners in {@code acqsim.yaml}: defaults, and errors that name the key and value. */
class LinkConfigTest {
    private static AcqsimConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", Path.of("."));
    }

    @Test
    void connectOutListenerTakesTheDocumentedDefaults() {
        ListenerConfig l = parse("listeners:\n  out: { dialect: iso87-binary, connect: 'partner.example:9001' }\n")
                .listeners().get("out");
        assertThat(l.connectsOut()).isTrue();
        assertThat(l.connectHost()).isEqualTo("partner.example");
        assertThat(l.connectPort()).isEqualTo(9001);
        assertThat(l.echoInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(l.echoTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(l.reconnectDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(l.reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(l.withPort(0).connect()).isEqualTo("partner.example:9001");
    }

    @Test
    void connectWithoutAPortIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> parse("listeners:\n  out: { dialect: iso87-binary, connect: partner }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml: listeners.out.connect: 'partner' is not host:port (port 1-65535)");
    }

    @Test
    void portAndConnectTogetherAreRefused() {
        assertThatThrownBy(() -> parse("listeners:\n  out: { dialect: iso87-binary, port: 9000, connect: 'h:1' }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("listeners.out: port 9000 and connect 'h:1' both set");
    }

    @Test
    void zeroEchoTimeoutIsRefusedAndZeroEchoIntervalSwitchesEchoesOff() {
        assertThatThrownBy(() -> parse("listeners:\n  out: { dialect: iso87-binary, connect: 'h:1', echoTimeout: 0s }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("listeners.out.echoTimeout: 0s must be positive");
        assertThat(parse("listeners:\n  out: { dialect: iso87-binary, connect: 'h:1', echoInterval: 0s }\n")
                .listeners().get("out").echoInterval()).isZero();
    }

    @Test
    void maxDelayShorterThanTheFirstIsRefused() {
        assertThatThrownBy(() -> parse("listeners:\n  out: { dialect: iso87-binary, connect: 'h:1', "
                + "reconnectDelay: 10s, reconnectMaxDelay: 5s }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("listeners.out.reconnectMaxDelay: 5s is shorter than reconnectDelay 10s");
    }

    @Test
    void listenerWithNeitherPortNorConnectIsRefused() {
        assertThatThrownBy(() -> parse("listeners:\n  out: { dialect: iso87-binary }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml: listeners.out.port: missing (or connect: host:port to dial out)");
    }
}
