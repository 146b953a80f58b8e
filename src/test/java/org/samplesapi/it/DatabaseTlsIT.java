package org.samplesapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Backends;
import org.samplesapi.support.PackagedApp;
import org.samplesapi.support.TestCertificates;
import org.samplesapi.support.TestCertificates.Authority;
import org.samplesapi.support.TestCertificates.ServerIdentity;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * SAMPLES_DB_SSL_MODE and SAMPLES_DB_SSL_ROOT_CERT hold for both database drivers: the migration step (JDBC) and the
 * serving pool (reactive). The PostgreSQL here speaks TLS only (pg_hba.conf has hostssl lines alone), with a
 * certificate for "localhost" (no IP address) signed by a certificate authority of the test's own; so a connection
 * that succeeds was encrypted, and one to 127.0.0.1 or with another authority's certificate must fail where the mode
 * verifies.
 */
class DatabaseTlsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Authority authority;
    private static Authority stranger;
    private static Backends backends;

    @BeforeAll
    static void start() throws Exception {
        Path directory = Files.createTempDirectory("samples-db-tls");
        authority = TestCertificates.authority(directory, "samples-db-ca");
        stranger = TestCertificates.authority(directory, "another-ca");
        ServerIdentity server = TestCertificates.server(directory, authority, "localhost");
        Path hba = Files.writeString(directory.resolve("pg_hba.conf"), """
                local all all trust
                hostssl all all 127.0.0.1/32 trust
                hostssl all all ::1/128 trust
                """);
        backends = Backends.start(EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", server.certificate().toString())
                .setServerConfig("ssl_key_file", server.privateKey().toString())
                .setServerConfig("hba_file", hba.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (backends != null) {
            backends.close();
        }
    }

    @Test
    void verifyFullWithTheRightAuthorityMigratesAndServes() throws Exception {
        servesOverTls(settings("localhost", "verify-full", authority));
    }

    @Test
    void verifyFullRefusesACertificateThatDoesNotNameTheHost() throws Exception {
        refused(settings("127.0.0.1", "verify-full", authority), "The hostname 127.0.0.1 could not be verified");
    }

    @Test
    void verifyCaChecksTheAuthorityButNotTheHostName() throws Exception {
        servesOverTls(settings("127.0.0.1", "verify-ca", authority));
        refused(settings("localhost", "verify-ca", stranger), "unable to find valid certification path");
    }

    @Test
    void verifyFullRefusesACertificateFromAnotherAuthority() throws Exception {
        refused(settings("localhost", "verify-full", stranger), "unable to find valid certification path");
    }

    @Test
    void requireEncryptsWithoutVerifying() throws Exception {
        servesOverTls(settings("127.0.0.1", "require", null));
    }

    /** What makes the other cases mean something: this server takes no connection without TLS. */
    @Test
    void withoutTlsThisServerTakesNoConnection() throws Exception {
        Path log = Files.createTempFile("samples-db-tls-plain", ".log");
        assertNotEquals(0, PackagedApp.migration(settings("127.0.0.1", "disable", null), log), Files.readString(log));
        assertTrue(Files.readString(log).contains("no encryption"), Files.readString(log));
    }

    @Test
    void aVerifyingModeWithoutAnAuthorityStopsTheStart() throws Exception {
        Map<String, String> settings = settings("localhost", "verify-full", null);
        PackagedApp.onFreePorts(settings);
        String output = exitsWith(settings);
        assertTrue(output.contains("SAMPLES_DB_SSL_MODE=verify-full verifies the database's certificate and needs"
                + " SAMPLES_DB_SSL_ROOT_CERT"), output);

        settings.put("SAMPLES_DB_SSL_ROOT_CERT", "/nonexistent/ca.crt");
        output = exitsWith(settings);
        assertTrue(output.contains("SAMPLES_DB_SSL_ROOT_CERT=/nonexistent/ca.crt cannot be read"), output);
    }

    private static Map<String, String> settings(String host, String mode, Authority ca) {
        Map<String, String> settings = backends.settings();
        settings.put("SAMPLES_DB_URL", "postgresql://" + host + ":" + backends.postgres().getPort() + "/postgres");
        settings.put("SAMPLES_DB_SSL_MODE", mode);
        if (ca != null) {
            settings.put("SAMPLES_DB_SSL_ROOT_CERT", ca.certificate().toString());
        }
        return settings;
    }

    /** The migration step succeeds, and the service becomes ready and answers a request that needs the database. */
    private static void servesOverTls(Map<String, String> settings) throws Exception {
        Path log = Files.createTempFile("samples-db-tls", ".log");
        try (PackagedApp.Running service = PackagedApp.migrateAndStartReady(settings, log)) {
            String token = Tokens.of(new World.User(World.newId(), "sub-tls-" + World.newId(), "tls@example.org",
                    null));
            HttpResponse<String> account = HTTP.send(HttpRequest.newBuilder(URI.create(service.endpoints().api()
                    + "/api/v1/account")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, account.statusCode(), account.body());
            try (Connection c = backends.postgres().getPostgresDatabase().getConnection();
                    Statement s = c.createStatement();
                    ResultSet plain = s.executeQuery("SELECT count(*) FROM pg_stat_activity a JOIN pg_stat_ssl t"
                            + " USING (pid) WHERE a.backend_type = 'client backend' AND NOT t.ssl")) {
                plain.next();
                assertEquals(0, plain.getInt(1), "a connection without TLS");
            }
        }
    }

    /**
     * The migration step fails, naming the cause; the service, started beside it, starts (a replica waits for its
     * database) but is not ready: its pool's TLS handshakes fail too.
     */
    private static void refused(Map<String, String> settings, String cause) throws Exception {
        Path migrationLog = Files.createTempFile("samples-db-tls-migration", ".log");
        Process migration = PackagedApp.startMigration(settings, migrationLog);
        PackagedApp.Endpoints endpoints = PackagedApp.onFreePorts(settings);
        Path log = Files.createTempFile("samples-db-tls-service", ".log");
        Process service = PackagedApp.start(settings, log);
        try {
            assertNotEquals(0, PackagedApp.exitCode(migration, migrationLog), Files.readString(migrationLog));
            assertTrue(Files.readString(migrationLog).contains(cause), Files.readString(migrationLog));
            PackagedApp.awaitStatus(endpoints.management() + "/q/health/ready", 503, service, log,
                    Duration.ofSeconds(60));
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.management()
                    + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            // Vert.x does not say why; the migration step's log above does.
            assertTrue(ready.body().matches("(?s).*\"Reactive PostgreSQL connections health check\",\\s*"
                    + "\"status\": \"DOWN\".*SSL handshake failed.*"), ready.body());
        } finally {
            PackagedApp.stop(service);
        }
    }

    /** Starts the service, which must exit with a failure within 90 s; its output. */
    private static String exitsWith(Map<String, String> settings) throws Exception {
        Path log = Files.createTempFile("samples-db-tls-start", ".log");
        Process service = PackagedApp.start(settings, log);
        if (!service.waitFor(90, TimeUnit.SECONDS)) {
            PackagedApp.stop(service);
            throw new AssertionError("the service started: " + Files.readString(log));
        }
        assertNotEquals(0, service.exitValue(), Files.readString(log));
        return Files.readString(log);
    }
}
