package io.acqsim.core.config;

import java.time.Duration;

/**
 * The shared ledger's database ({@code ledger.store: postgresql}). The password (and the URL and
 * user) may name environment variables as {@code ${NAME}} or {@code ${NAME:-default}}: see
 * {@link EnvExpansion}.
 *
 * @param url            JDBC URL, {@code jdbc:postgresql://host:port/database}
 * @param user           database user
 * @param password       its password, typically {@code ${ACQSIM_DB_PASSWORD}}
 * @param poolSize       connections kept open: one per commit worker, the rest for the admin API
 * @param connectTimeout how long start-up and a reconnection wait for the database
 * @param maxBatch       the most requests one database transaction (one group commit) carries
 * @param workers        commit workers per node, each with its own connection; a terminal's
 *                       requests always go to the same one
 */
public record PostgresqlConfig(String url, String user, String password, Integer poolSize, Duration connectTimeout,
                               Integer maxBatch, Integer workers) {
    public PostgresqlConfig {
        url = url == null ? "jdbc:postgresql://127.0.0.1:5432/acqsim" : url;
        user = user == null ? "acqsim" : user;
        password = password == null ? "" : password;
        poolSize = poolSize == null ? 4 : poolSize;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        maxBatch = maxBatch == null ? 256 : maxBatch;
        workers = workers == null ? 2 : workers;
    }

    public PostgresqlConfig(String url, String user, String password, Integer poolSize, Duration connectTimeout,
                            Integer maxBatch) {
        this(url, user, password, poolSize, connectTimeout, maxBatch, null);
    }

    /** The same settings with a different URL, user and password (tests, {@code acqsim db --url}). */
    public PostgresqlConfig with(String newUrl, String newUser, String newPassword) {
        return new PostgresqlConfig(newUrl, newUser, newPassword, poolSize, connectTimeout, maxBatch, workers);
    }

    @Override
    public String toString() {
        return "PostgresqlConfig[url=" + url + ", user=" + user + ", password=***]";
    }
}
