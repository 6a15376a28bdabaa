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
