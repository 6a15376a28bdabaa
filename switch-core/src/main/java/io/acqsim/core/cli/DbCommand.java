package io.acqsim.core.cli;

import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.config.ConfigLoader;
import io.acqsim.core.config.PostgresqlConfig;
import io.acqsim.core.pg.PgDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code acqsim db migrate|status}: the shared ledger's schema ({@code ledger.store: postgresql})
 * without starting a node. A node migrates on start by itself; these are for operators who want to
 * see or prepare the database first. Exit codes: 0 done (status: up to date), 1 status: migrations
 * pending, 2 configuration or connection error, 3 status: the schema is newer than this build.
 */
@Command(name = "db", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The shared ledger's PostgreSQL schema (ledger.postgresql in the configuration).",
        subcommands = {DbCommand.Migrate.class, DbCommand.Status.class})
public final class DbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** What both subcommands take: the configuration file, and the URL and user to override it. */
    static class Target {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                defaultValue = "${env:ACQSIM_CONFIG:-config/acqsim.yaml}",
                description = "Configuration file whose ledger.postgresql section names the database "
                        + "(default: ${DEFAULT-VALUE}).")
        Path config;

        @Option(names = "--url", paramLabel = "JDBC_URL", description = "Database URL instead of ledger.postgresql.url.")
        String url;

        @Option(names = "--user", description = "Database user instead of ledger.postgresql.user.")
        String user;

        PgDatabase connect() {
            AcqsimConfig cfg = ConfigLoader.load(config);
            PostgresqlConfig pg = cfg.ledger().postgresql();
            pg = pg.with(url != null ? url : pg.url(), user != null ? user : pg.user(), pg.password());
            return PgDatabase.connect(pg, "acqsim-db");
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Create or upgrade the schema to this build's version.")
    static final class Migrate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (PgDatabase db = target.connect()) {
                int applied = db.migrate();
                out.println(db.url() + ": " + applied + " migration(s) applied; " + db.status().describe());
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the schema version against this build's (exit 0 up to date, 1 pending, 3 newer).")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (PgDatabase db = target.connect()) {
                PgDatabase.SchemaStatus s = db.status();
                out.println(db.url() + ": " + s.describe());
                return s.newer() > 0 ? 3 : s.pending() > 0 ? 1 : 0;
            }
        }
    }
}
