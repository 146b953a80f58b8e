package org.samplesapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.PackagedApp;

import com.sun.net.httpserver.HttpServer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * In production the replicas do not migrate: on a database nobody migrated, the service starts, says in its log what
 * to run, and stays not ready (touching nothing); the migration step (the same jar, told to migrate and exit) brings
 * the schema up and exits; the running service then becomes ready by itself. A second migration step finds nothing
 * to do.
 */
class MigrationStepIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aReplicaWaitsForTheMigrationStepAndThenServes() throws Exception {
        HttpServer issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String realm = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/test";
        byte[] discovery = ("{\"issuer\": \"" + realm + "\", \"jwks_uri\": \"" + realm + "/certs\"}")
                .getBytes(StandardCharsets.UTF_8);
        issuer.createContext("/realms/test/.well-known/openid-configuration", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, discovery.length);
            exchange.getResponseBody().write(discovery);
            exchange.close();
        });
        issuer.start();
        Process service = null;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Map<String, String> settings = PackagedApp.settings(postgres.getPort(), realm);
            String management = PackagedApp.onFreePorts(settings).management();
            Path serviceLog = Files.createTempFile("samples-migration-service", ".log");
            service = PackagedApp.start(settings, serviceLog);
            PackagedApp.awaitStatus(management + "/q/health/live", 200, service, serviceLog,
                    Duration.ofSeconds(60));
            HttpResponse<String> waiting = get(management + "/q/health/ready");
            assertEquals(503, waiting.statusCode(), waiting.body());
            assertTrue(waiting.body().contains("Database schema"), waiting.body());
            awaitLog(serviceLog, "Not ready: the database schema is at version none, this build needs version");
            // ... and names the settings of the migration step that the next lines run.
            awaitLog(serviceLog, "SAMPLES_MIGRATE_AT_START=true QUARKUS_INIT_AND_EXIT=true");
            assertFalse(historyExists(postgres), "a serving replica migrated");

            Path migrationLog = Files.createTempFile("samples-migration-step", ".log");
            PackagedApp.migrate(settings, migrationLog);
            assertTrue(Files.readString(migrationLog).contains("Successfully applied"), Files.readString(migrationLog));

            PackagedApp.awaitStatus(management + "/q/health/ready", 200, service, serviceLog,
                    Duration.ofSeconds(60));
            awaitLog(serviceLog, "ready to serve");

            PackagedApp.migrate(settings, migrationLog);
            assertTrue(Files.readString(migrationLog).contains("is up to date"), Files.readString(migrationLog));
        } finally {
            PackagedApp.stop(service);
            issuer.stop(0);
        }
    }

    private static boolean historyExists(EmbeddedPostgres postgres) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitLog(Path log, String text) throws Exception {
        for (int i = 0; i < 100 && !Files.readString(log).contains(text); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.readString(log).contains(text), "no '" + text + "' in:\n" + Files.readString(log));
    }
}
