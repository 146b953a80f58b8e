package org.samplesapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Backends;
import org.samplesapi.support.PackagedApp;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;

/**
 * Two packaged replicas on one database behave as one: an organization admin who has just been moved out of their
 * organization through one replica has no power left there on the other, at their very next request, although that
 * replica had just served them as the organization's admin; and a caller's allowance is spent once across both.
 */
class ReplicasAgreeIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Small enough to spend in a test; each replica settles every request with the database. */
    private static final int WRITES = 10;

    private static Backends backends;
    private static PackagedApp.Running first;
    private static PackagedApp.Running second;

    @BeforeAll
    static void start() throws Exception {
        backends = Backends.start();
        PackagedApp.migrate(backends.settings(), Files.createTempFile("samples-replicas-migrate", ".log"));
        Map<String, String> settings = new HashMap<>(backends.settings());
        settings.putAll(Map.of("SAMPLES_RATE_LIMIT_WRITES", String.valueOf(WRITES),
                "SAMPLES_RATE_LIMIT_LOCAL_SHARE", "0"));
        first = PackagedApp.startReady(settings, Files.createTempFile("samples-replica-1", ".log"));
        second = PackagedApp.startReady(settings, Files.createTempFile("samples-replica-2", ".log"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closing : new AutoCloseable[] {first, second, backends}) {
            if (closing != null) {
                closing.close();
            }
        }
    }

    @Test
    void aMovedAdminIsRefusedOnTheOtherReplicaAtOnce() throws Exception {
        World.Org lab = new World.Org(World.newId(), "lab-" + World.newId(), null);
        World.Org clinic = new World.Org(World.newId(), "clinic-" + World.newId(), null);
        World.User admin = new World.User(World.newId(), "admin-" + World.newId(), "admin@example.org", lab);
        World.User member = new World.User(World.newId(), "member-" + World.newId(), "member@example.org", lab);
        World.User operator = new World.User(World.newId(), "operator-" + World.newId(), "op@example.org", null);
        String sample = World.newId();
        try (Connection db = backends.postgres().getPostgresDatabase().getConnection();
             Statement sql = db.createStatement()) {
            for (World.Org org : new World.Org[] {lab, clinic}) {
                sql.execute("INSERT INTO organizations (id, external_id, name, max_visibility) VALUES ('" + org.id()
                        + "', '" + org.externalId() + "', 'Org', 'public')");
            }
            for (World.User user : new World.User[] {admin, member, operator}) {
                sql.execute("INSERT INTO users (id, subject, email, organization_id, max_visibility) VALUES ('"
                        + user.id() + "', '" + user.subject() + "', '" + user.email() + "', "
                        + (user.org() == null ? "NULL" : "'" + user.org().id() + "'") + ", 'public')");
            }
            sql.execute("INSERT INTO samples (id, owner_id, filename, size, status, visibility) VALUES ('" + sample
                    + "', '" + member.id() + "', 'a.fastq', 1, 'available', 'private')");

            String asAdmin = Tokens.admin(admin);
            // The second replica knows the admin as the lab's admin: it serves them as such.
            assertEquals(200, send(second, "GET", "/api/v1/organizations/" + lab.id(), asAdmin, null));
            assertEquals(200, send(second, "PATCH", "/api/v1/samples/" + sample, asAdmin,
                    "{\"visibility\": \"shared\"}"));

            assertEquals(200, send(first, "PATCH", "/api/v1/users/" + admin.id(), Tokens.platformAdmin(operator),
                    "{\"organization\": \"" + clinic.id() + "\"}"));

            String before = snapshot(sql, sample);
            assertEquals(403, send(second, "PATCH", "/api/v1/samples/" + sample, asAdmin,
                    "{\"visibility\": \"private\"}"), "the old organization's power outlived the move");
            assertEquals(403, send(second, "GET", "/api/v1/organizations/" + lab.id(), asAdmin, null));
            assertEquals(before, snapshot(sql, sample), "a refused PATCH changed the sample");
        }
    }

    /**
     * Writes sent to the two replicas in turn: the allowance is the deployment's, so the first write past it is
     * refused, on whichever replica it reaches, and changes nothing.
     */
    @Test
    void aCallersWritesAreCountedOnceAcrossBothReplicas() throws Exception {
        World.User owner = new World.User(World.newId(), "owner-" + World.newId(), "owner@example.org", null);
        String sample = World.newId();
        try (Connection db = backends.postgres().getPostgresDatabase().getConnection();
             Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO users (id, subject, email, max_visibility) VALUES ('" + owner.id() + "', '"
                    + owner.subject() + "', '" + owner.email() + "', 'public')");
            sql.execute("INSERT INTO samples (id, owner_id, filename, size, status, visibility) VALUES ('" + sample
                    + "', '" + owner.id() + "', 'a.fastq', 1, 'available', 'private')");
            String token = Tokens.of(owner);
            for (int write = 1; write <= WRITES; write++) {
                HttpResponse<String> served = patch(write % 2 == 0 ? first : second, sample, token,
                        write % 2 == 0 ? "private" : "shared");
                assertEquals(200, served.statusCode(), "write " + write + ": " + served.body());
                assertEquals("\"writes\";q=" + WRITES + ";w=60", served.headers().firstValue("RateLimit-Policy")
                        .orElse(null));
                assertEquals("\"writes\";r=" + (WRITES - write), served.headers().firstValue("RateLimit")
                        .orElse("").replaceAll(";t=.*", ""), "the allowance left, on either replica");
            }
            String before = snapshot(sql, sample);
            for (PackagedApp.Running replica : new PackagedApp.Running[] {first, second}) {
                HttpResponse<String> refused = patch(replica, sample, token, "public");
                assertEquals(429, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("\"code\":\"rate_limited\""), refused.body());
                assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            }
            assertEquals(before, snapshot(sql, sample), "a refused write changed the sample");
        }
    }

    private static HttpResponse<String> patch(PackagedApp.Running replica, String sample, String token,
                                              String visibility) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(replica.endpoints().api() + "/api/v1/samples/" + sample))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"visibility\": \"" + visibility + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String snapshot(Statement sql, String sample) throws SQLException {
        try (ResultSet row = sql.executeQuery("SELECT visibility || ':' || version || ':' || (SELECT count(*)"
                + " FROM audit_events WHERE sample_id = s.id) FROM samples s WHERE id = '" + sample + "'")) {
            assertTrue(row.next());
            return row.getString(1);
        }
    }

    private static int send(PackagedApp.Running replica, String method, String path, String token, String body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(replica.endpoints().api() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 403) {
            assertTrue(response.body().contains("\"code\":\"organization_changed\""), response.body());
        }
        return response.statusCode();
    }
}
