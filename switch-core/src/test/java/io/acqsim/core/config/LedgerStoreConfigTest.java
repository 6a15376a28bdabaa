package io.acqsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ledger.store}, {@code ledger.node} and {@code ledger.postgresql}: validated at start, each error naming key and value. */
class LedgerStoreConfigTest {
    private static AcqsimConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "acqsim.yaml", Path.of("."));
    }

    @Test
    void memoryIsTheDefaultAndNodeIsUnset() {
        LedgerConfig l = parse("").ledger();
        assertThat(l.store()).isEqualTo("memory");
        assertThat(l.inPostgresql()).isFalse();
        assertThat(l.node()).isNull();
        assertThat(l.nodeOrDefault()).isEqualTo(1);
    }

    @Test
    void postgresqlSectionIsRead() {
        LedgerConfig l = parse("ledger:\n  store: postgresql\n  node: 7\n  postgresql:\n"
                + "    url: jdbc:postgresql://db:5432/bank\n    user: bank\n    password: pw\n    maxBatch: 64\n").ledger();
        assertThat(l.inPostgresql()).isTrue();
        assertThat(l.node()).isEqualTo(7);
        assertThat(l.postgresql().url()).isEqualTo("jdbc:postgresql://db:5432/bank");
        assertThat(l.postgresql().maxBatch()).isEqualTo(64);
        assertThat(l.postgresql().toString()).doesNotContain("pw");
    }

    @Test
    void unknownStoreNamesKeyAndValue() {
        assertThatThrownBy(() -> parse("ledger:\n  store: mysql\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ledger.store").hasMessageContaining("mysql").hasMessageContaining("postgresql");
    }

    @Test
    void nodeOutsideOneToNinetyNineIsRefused() {
        assertThatThrownBy(() -> parse("ledger:\n  node: 100\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ledger.node").hasMessageContaining("100").hasMessageContaining("1..99");
        assertThatThrownBy(() -> parse("ledger:\n  node: 0\n")).hasMessageContaining("ledger.node: 0");
    }

    @Test
    void aUrlThatIsNotPostgresqlIsRefused() {
        assertThatThrownBy(() -> parse("ledger:\n  postgresql:\n    url: jdbc:mysql://db/bank\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ledger.postgresql.url")
                .hasMessageContaining("jdbc:mysql://db/bank");
    }

    @Test
    void anUnsetPasswordVariableIsNamedButNoValueShown() {
        assertThatThrownBy(() -> parse("ledger:\n  store: postgresql\n  postgresql:\n"
                + "    password: ${ACQSIM_TEST_SURELY_UNSET_VARIABLE}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ledger.postgresql.password")
                .hasMessageContaining("ACQSIM_TEST_SURELY_UNSET_VARIABLE");
    }

    @Test
    void environmentVariablesAreExpandedWithDefaults() {
        Map<String, String> env = Map.of("ACQSIM_DB_PASSWORD", "s3cret");
        assertThat(EnvExpansion.expand("f", "k", "${ACQSIM_DB_PASSWORD}", env)).isEqualTo("s3cret");
        assertThat(EnvExpansion.expand("f", "k", "pre-${ACQSIM_DB_PASSWORD}-post", env)).isEqualTo("pre-s3cret-post");
        assertThat(EnvExpansion.expand("f", "k", "${MISSING:-fallback}", env)).isEqualTo("fallback");
        assertThat(EnvExpansion.expand("f", "k", "plain $ text", env)).isEqualTo("plain $ text");
        assertThatThrownBy(() -> EnvExpansion.expand("f", "k", "${MISSING}", env)).hasMessage(
                "f: k: environment variable MISSING is not set (write ${MISSING:-default} for a fallback)");
    }

    @Test
    void theShippedTwoNodeConfigurationsDifferInNodeAndPortsOnly() {
        Map<String, String> env = Map.of("ACQSIM_DB_PASSWORD", "x");
        AcqsimConfig one = ConfigLoader.load(io.acqsim.core.testing.RunningServer.CONFIG_DIR.resolve("node1.yaml"));
        AcqsimConfig two = ConfigLoader.load(io.acqsim.core.testing.RunningServer.CONFIG_DIR.resolve("node2.yaml"));
        assertThat(one.ledger().node()).isEqualTo(1);
        assertThat(two.ledger().node()).isEqualTo(2);
        assertThat(one.ledger().inPostgresql()).isTrue();
        assertThat(two.ledger().postgresql().url()).isEqualTo(one.ledger().postgresql().url());
        assertThat(one.admin().port()).isNotEqualTo(two.admin().port());
        assertThat(one.listeners().get("iso87-binary").port()).isEqualTo(8584);
        assertThat(two.listeners().get("iso87-binary").port()).isEqualTo(9584);
        assertThat(EnvExpansion.expand("node1.yaml", "ledger.postgresql.password",
                one.ledger().postgresql().password(), env)).isEqualTo("x");
    }
}
