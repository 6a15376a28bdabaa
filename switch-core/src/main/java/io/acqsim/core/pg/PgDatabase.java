package io.acqsim.core.pg;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;
import io.acqsim.core.config.ConfigException;
import io.acqsim.core.config.EnvExpansion;
import io.acqsim.core.config.PostgresqlConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The shared ledger's database: a connection pool (HikariCP) and the schema, versioned by Flyway
 * from {@code db/acqsim/V*.sql} on the class path. A node migrates the schema on start (Flyway
 * serialises concurrent starts with a lock of its own), and refuses to start on a schema newer
 * than it knows. Errors that stop the start are {@link ConfigException}s naming the key.
 */
public final class PgDatabase implements AutoCloseable {
    static final String MIGRATIONS = "classpath:db/acqsim";
    static final String HISTORY_TABLE = "acqsim_schema_history";

    private final HikariDataSource pool;
    private final String url;

    private PgDatabase(HikariDataSource pool, String url) {
        this.pool = pool;
        this.url = url;
    }

    /**
     * Connects (waiting up to {@code connectTimeout} for the database), or throws a
     * {@link ConfigException} that says which URL and user could not be reached and why.
     *
     * @param name a name for the pool and the server's {@code application_name} (e.g. {@code acqsim-node-1})
     */
    public static PgDatabase connect(PostgresqlConfig config, String name) {
        return connect(config, name, null);
    }

    /**
     * As {@link #connect(PostgresqlConfig, String)}, metering the pool ({@code hikaricp.connections.*}:
     * active, idle, pending, acquire and usage times, timeouts) on {@code registry} when not null.
     */
    public static PgDatabase connect(PostgresqlConfig config, String name, MeterRegistry registry) {
        String url = EnvExpansion.expand("ledger.postgresql", "ledger.postgresql.url", config.url());
        String user = EnvExpansion.expand("ledger.postgresql", "ledger.postgresql.user", config.user());
        String password = EnvExpansion.expand("ledger.postgresql", "ledger.postgresql.password", config.password());
        HikariConfig h = new HikariConfig();
        h.setPoolName(name);
        h.setJdbcUrl(url);
        h.setUsername(user);
        h.setPassword(password);
        h.setMaximumPoolSize(config.poolSize());
        h.setMinimumIdle(config.poolSize());
        h.setAutoCommit(true);
        long timeout = config.connectTimeout().toMillis();
        h.setConnectionTimeout(timeout);
        h.setInitializationFailTimeout(timeout);
        h.setValidationTimeout(Math.max(250, Math.min(timeout, 5_000)));
        if (registry != null) {
            h.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        h.addDataSourceProperty("ApplicationName", name);
        h.addDataSourceProperty("reWriteBatchedInserts", "true");
        h.addDataSourceProperty("tcpKeepAlive", "true");
        h.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, timeout / 1000)));
        h.addDataSourceProperty("socketTimeout", "60");
        try {
            return new PgDatabase(new HikariDataSource(h), url);
        } catch (HikariPool.PoolInitializationException e) {
            throw new ConfigException("ledger.postgresql.url: cannot reach the database " + url + " as user '" + user
                    + "' within " + config.connectTimeout().toMillis() + " ms: " + rootMessage(e), e);
        }
    }

    /** The pool; Micrometer meters it ({@code hikaricp.*}) once the server registers it. */
    public HikariDataSource pool() {
        return pool;
    }

    public DataSource dataSource() {
        return pool;
    }

    public String url() {
        return url;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(pool)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(false)
                .cleanDisabled(true)
                .load();
    }

    /** Where the schema stands against this build's migrations. */
    public SchemaStatus status() {
        try {
            var info = flyway().info();
            String current = info.current() == null ? null : info.current().getVersion().getVersion();
            String known = null;
            int pending = 0;
            int newer = 0;
            for (MigrationInfo m : info.all()) {
                MigrationState s = m.getState();
                if (s == MigrationState.FUTURE_SUCCESS || s == MigrationState.FUTURE_FAILED) {
                    newer++;
                    continue;
                }
                if (m.getVersion() != null && m.getState().isResolved()) {
                    known = m.getVersion().getVersion();
                }
                if (s == MigrationState.PENDING) {
                    pending++;
                }
            }
            return new SchemaStatus(current, known, pending, newer);
        } catch (FlywayException e) {
            throw new ConfigException("ledger.postgresql.url: cannot read the schema of " + url + ": "
                    + rootMessage(e), e);
        }
    }

    /**
     * Brings the schema up to this build's version; refuses (with a {@link ConfigException}) a
     * schema newer than this build, which an older node must not write to.
     *
     * @return how many migrations were applied
     */
    public int migrate() {
        SchemaStatus status = status();
        if (status.newer() > 0) {
            throw new ConfigException("ledger.postgresql.url: the schema of " + url + " is at version "
                    + status.current() + ", newer than this build of acqsim knows (" + status.known()
                    + "): upgrade this node, or point it at another database");
        }
        try {
            MigrateResult result = flyway().migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new ConfigException("ledger.postgresql.url: cannot migrate the schema of " + url + ": "
                    + rootMessage(e), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * @param current the version the database is at, or null when it has no acqsim schema yet
     * @param known   the latest version this build has
     * @param pending migrations this build would apply
     * @param newer   migrations the database has that this build does not know
     */
    public record SchemaStatus(String current, String known, int pending, int newer) {
        public boolean upToDate() {
            return pending == 0 && newer == 0;
        }

        /** One line for {@code acqsim db status} and the start-up log. */
        public String describe() {
            if (newer > 0) {
                return "schema version " + current + " is newer than this build (" + known + "): this node must not use it";
            }
            if (current == null) {
                return "no acqsim schema yet (this build creates version " + known + ")";
            }
            if (pending > 0) {
                return "schema version " + current + ", " + pending + " migration(s) pending (this build: " + known + ")";
            }
            return "schema version " + current + ", up to date";
        }
    }
}
