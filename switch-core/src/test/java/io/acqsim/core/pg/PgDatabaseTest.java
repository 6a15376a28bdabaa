package io.acqsim.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.core.config.ConfigException;
import io.acqsim.core.config.PostgresqlConfig;
import io.acqsim.core.testing.EmbeddedPg;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The schema is created and versioned by Flyway; a newer schema or an unreachable database stops the start clearly. */
class PgDatabaseTest {

    @Test
    void migratesAFreshDatabaseOnceAndReportsItUpToDate() throws Exception {
        PostgresqlConfig cfg = EmbeddedPg.shared().newDatabase();
        try (PgDatabase db = PgDatabase.connect(cfg, "test")) {
            assertThat(db.status().current()).isNull();
            assertThat(db.status().describe()).contains("no acqsim schema yet");
            assertThat(db.migrate()).isGreaterThanOrEqualTo(1);
            assertThat(db.status().upToDate()).isTrue();
            assertThat(db.status().describe()).contains("up to date");
            assertThat(db.migrate()).isZero();
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM accounts")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void aSchemaNewerThanThisBuildIsRefused() throws Exception {
        PostgresqlConfig cfg = EmbeddedPg.shared().newDatabase();
        try (PgDatabase db = PgDatabase.connect(cfg, "test")) {
            db.migrate();
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + PgDatabase.HISTORY_TABLE + " (installed_rank, version, description, type,"
                        + " script, checksum, installed_by, execution_time, success) VALUES (999, '999', 'from the future',"
                        + " 'SQL', 'V999__from_the_future.sql', 0, 'test', 0, true)");
            }
            assertThat(db.status().newer()).isEqualTo(1);
            assertThatThrownBy(db::migrate).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("ledger.postgresql.url").hasMessageContaining("999")
                    .hasMessageContaining("newer than this build");
        }
    }

    @Test
    void anUnreachableDatabaseNamesTheUrlAndUser() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PostgresqlConfig cfg = new PostgresqlConfig("jdbc:postgresql://127.0.0.1:" + closedPort + "/acqsim", "acqsim",
                "secret-password", 2, Duration.ofMillis(500), null);
        assertThatThrownBy(() -> PgDatabase.connect(cfg, "test")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ledger.postgresql.url").hasMessageContaining(String.valueOf(closedPort))
                .hasMessageContaining("'acqsim'").hasMessageNotContaining("secret-password");
    }
}
