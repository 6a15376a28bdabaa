package io.acqsim.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.config.PostgresqlConfig;
import io.acqsim.core.testing.EmbeddedPg;
import io.acqsim.core.testing.RunningServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code acqsim db status|migrate} against a real database: exit codes and one line of output each. */
class DbCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AcqsimCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void statusShowsPendingThenMigrateBringsItUpToDate() {
        PostgresqlConfig db = EmbeddedPg.shared().newDatabase();
        String config = RunningServer.CONFIG_DIR.resolve("acqsim.yaml").toString();

        Run before = run("db", "status", "-c", config, "--url", db.url(), "--user", db.user());
        assertThat(before.exit()).isEqualTo(1);
        assertThat(before.out()).contains(db.url()).contains("no acqsim schema yet");

        Run migrate = run("db", "migrate", "-c", config, "--url", db.url(), "--user", db.user());
        assertThat(migrate.exit()).isZero();
        assertThat(migrate.out()).contains("migration(s) applied").contains("up to date");

        Run after = run("db", "status", "-c", config, "--url", db.url(), "--user", db.user());
        assertThat(after.exit()).isZero();
        assertThat(after.out()).contains("schema version 1, up to date");
    }

    @Test
    void anUnreachableDatabaseIsAOneLineConfigurationError() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String config = RunningServer.CONFIG_DIR.resolve("acqsim.yaml").toString();
        Run r = run("db", "status", "-c", config, "--url", "jdbc:postgresql://127.0.0.1:" + closed + "/acqsim");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("acqsim: configuration error: ledger.postgresql.url: cannot reach")
                .contains(String.valueOf(closed)).doesNotContain("\tat ");
    }
}
