package org.samplesapi.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 for the test suite, started once per test JVM. The service connects as an ordinary role that
 * owns its database (as in production); tests inspect and seed through the superuser. pg_stat_statements is loaded so
 * tests can count the statements a request issues.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "samples";
    public static final String APP_ROLE = "samples_app";
    public static final String SUPERUSER_URL_PROPERTY = "test.superuser.jdbc-url";
    private static final String APP_PASSWORD = "samples_app_pw";

    private static EmbeddedPostgres postgres;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .start();
                EmbeddedPostgres started = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the data directory is temporary
                    }
                }));
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
                    s.execute("CREATE DATABASE " + DATABASE + " OWNER " + APP_ROLE);
                }
                try (Connection c = postgres.getDatabase("postgres", DATABASE).getConnection();
                     Statement s = c.createStatement()) {
                    s.execute("CREATE EXTENSION pg_stat_statements");
                }
            }
            int port = postgres.getPort();
            // The test code (also of *IT suites, which run outside the application) finds the database here.
            System.setProperty(SUPERUSER_URL_PROPERTY, "jdbc:postgresql://localhost:" + port + "/" + DATABASE
                    + "?user=postgres");
            return Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/" + DATABASE,
                    "quarkus.datasource.migration.jdbc.url", "jdbc:postgresql://localhost:" + port + "/" + DATABASE,
                    "quarkus.datasource.username", APP_ROLE,
                    "quarkus.datasource.password", APP_PASSWORD,
                    // The packaged application (prod profile) of the *IT suites migrates at its start too.
                    "SAMPLES_MIGRATE_AT_START", "true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the test database", e);
        }
    }

    @Override
    public synchronized void stop() {
        // Kept for the whole JVM: every test class shares one server; the JVM's exit removes it.
    }
}
