package io.acqsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.core.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static AcqsimConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "acqsim.yaml", Path.of("."));
    }

    @Test
    void shippedConfigHasTheProtocolDefaults() {
        AcqsimConfig c = ConfigLoader.load(RunningServer.CONFIG_DIR.resolve("acqsim.yaml"));
        assertThat(c.listeners().get("cup-pos").port()).isEqualTo(8583);
        assertThat(c.listeners().get("iso87-binary").port()).isEqualTo(8584);
        assertThat(c.listeners().get("iso87-ascii").port()).isEqualTo(8585);
        assertThat(c.admin().port()).isEqualTo(8580);
        assertThat(c.admin().host()).isEqualTo("127.0.0.1");
        assertThat(c.rules().lateDelay()).isEqualTo(Duration.ofSeconds(65));
        assertThat(c.duplicate().window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.limits().maxFrameLength()).isEqualTo(8192);
    }

    @Test
    void emptyConfigMeansEveryDefault() {
        AcqsimConfig c = parse("");
        assertThat(c.listeners()).containsOnlyKeys("cup-pos", "iso87-binary", "iso87-ascii", "iso93-ascii",
                "iso87-ebcdic");
        assertThat(c.reversal().unknownOriginal()).isEqualTo("00");
        assertThat(c.accounts().openingBalance()).isEqualTo(1_000_000L);
    }

    @Test
    void unknownKeyIsNamedWithItsPath() {
        assertThatThrownBy(() -> parse("reversal:\n  unknownOrignal: '25'\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("acqsim.yaml")
                .hasMessageContaining("reversal.unknownOrignal")
                .hasMessageContaining("unknown key");
    }

    @Test
    void wrongTypeIsNamed() {
        assertThatThrownBy(() -> parse("admin:\n  port: eighty\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin.port")
                .hasMessageContaining("eighty");
    }

    @Test
    void negativeLimitIsRefused() {
        assertThatThrownBy(() -> parse("limits:\n  maxFrameLength: -1\n"))
                .hasMessageContaining("limits.maxFrameLength").hasMessageContaining("-1");
    }

    @Test
    void badDurationIsRefused() {
        assertThatThrownBy(() -> parse("duplicate:\n  window: soon\n"))
                .hasMessageContaining("duplicate.window").hasMessageContaining("soon");
    }

    @Test
    void durationWithoutAUnitIsAnErrorNamingTheKeyAndValue() {
        assertThatThrownBy(() -> parse("limits:\n  readTimeout: 5\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("acqsim.yaml: limits.readTimeout: '5' has no unit")
                .hasMessageContaining("250ms, 65s, 5m, 1h");
        assertThatThrownBy(() -> parse("duplicate:\n  window: '300'\n"))
                .hasMessageStartingWith("acqsim.yaml: duplicate.window: '300' has no unit");
    }

    @Test
    void fractionalDurationIsAnErrorNamingTheKeyAndValue() {
        assertThatThrownBy(() -> parse("limits:\n  idleTimeout: 2.5\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("acqsim.yaml: limits.idleTimeout: '2.5' has no unit");
        assertThatThrownBy(() -> parse("rules:\n  lateDelay: 2.5s\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("acqsim.yaml: rules.lateDelay: '2.5s' is a fraction");
    }

    @Test
    void durationsWithUnitsAndIsoDurationsAreRead() {
        AcqsimConfig c = parse("limits:\n  readTimeout: 250ms\n  idleTimeout: PT90S\n  writeTimeout: 2m\n"
                + "  shutdownGrace: 1h\n");
        assertThat(c.limits().readTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.limits().idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.limits().writeTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.limits().shutdownGrace()).isEqualTo(Duration.ofHours(1));
        assertThat(parse("limits:\n  idleTimeout: 0\n").limits().idleTimeout()).as("0 = off needs no unit")
                .isZero();
    }

    @Test
    void writeTimeoutAndTheAdminLimitsHaveSafeDefaults() {
        AcqsimConfig c = parse("");
        assertThat(c.limits().writeTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.admin().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.admin().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.admin().maxConnections()).isEqualTo(64);
        assertThat(c.admin().allowUnauthenticated()).isFalse();
        assertThatThrownBy(() -> parse("admin:\n  requestTimeout: 0s\n"))
                .hasMessage("acqsim.yaml: admin.requestTimeout: 0s must be positive");
        assertThatThrownBy(() -> parse("admin:\n  maxConnections: 0\n"))
                .hasMessage("acqsim.yaml: admin.maxConnections: 0 must be positive");
    }

    @Test
    void unknownDialectIsRefused() {
        assertThatThrownBy(() -> parse("listeners:\n  x: { dialect: iso93, port: 1 }\n"))
                .hasMessageContaining("listeners.x.dialect").hasMessageContaining("iso93");
    }

    @Test
    void knobValuesAreChecked() {
        assertThatThrownBy(() -> parse("reversal:\n  unknownOriginal: '05'\n"))
                .hasMessageContaining("reversal.unknownOriginal");
        assertThatThrownBy(() -> parse("reversal:\n  duplicate: ignore\n"))
                .hasMessageContaining("reversal.duplicate");
        assertThat(parse("reversal:\n  duplicate: 'decline:94'\n").reversal().duplicate()).isEqualTo("decline:94");
    }
}
