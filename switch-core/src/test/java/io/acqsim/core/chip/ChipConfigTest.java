package io.acqsim.core.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.config.ConfigLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code emv:} and {@code keys:} sections: defaults, and a wrong value named with its key. */
class ChipConfigTest {
    private static AcqsimConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "acqsim.yaml", Path.of("."));
    }

    @Test
    void defaultsAreTheShippedTestKeysForEveryBin() {
        AcqsimConfig c = parse("");
        assertThat(c.emv().arqcFailure()).isEqualTo("05");
        assertThat(c.emv().imkAc()).containsEntry("*", "0123456789ABCDEFFEDCBA9876543210");
        assertThat(c.keys().tmk()).hasSize(32);
        AcqsimConfig more = parse("emv:\n  imkAc:\n    \"476173\": 11111111111111112222222222222222\n");
        assertThat(more.emv().imkAc()).containsKeys("*", "476173");
    }

    @Test
    void badChipSettingsStopTheStartNamingTheKey() {
        assertThatThrownBy(() -> parse("emv:\n  arqcFailure: \"5\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("emv.arqcFailure: '5'");
        assertThatThrownBy(() -> parse("emv:\n  imkAc:\n    \"4761\": 0123\n"))
                .hasMessageContaining("emv.imkAc.4761: must be 32 hex digits");
        assertThatThrownBy(() -> parse("emv:\n  imkAc:\n    \"47x\": 0123456789ABCDEFFEDCBA9876543210\n"))
                .hasMessageContaining("emv.imkAc: '47x' is not a BIN prefix");
        assertThatThrownBy(() -> parse("keys:\n  tpk: 0123456789ABCDEF\n"))
                .hasMessageContaining("keys.tpk: must be 32 hex digits");
        assertThatThrownBy(() -> parse("keys:\n  tmkk: 0123456789ABCDEF\n"))
                .hasMessageContaining("keys.tmkk: unknown key");
    }
}
