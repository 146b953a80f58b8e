package org.samplesapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.samplesapi.support.KeycloakServer;
import org.samplesapi.support.Leaks;
import org.samplesapi.support.PackagedApp;
import org.samplesapi.support.Raw;
import org.samplesapi.support.World;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged service against a real Keycloak (started from its Maven distribution by this test, stopped after it):
 * tokens from Keycloak's own endpoints, for users (password grant) and a service account (client credentials), with
 * the organization claim in each of the shapes the realm's clients produce (a string, an array, a map keyed by
 * organization), roles from {@code realm_access}, and Keycloak's own expiry and key rotation. Every refusal also
 * checks that nothing changed in the database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakIT {

    /**
     * The public clients whose tokens carry the organization as a string (a user-attribute mapper), an array (Keycloak
     * 26's Organizations feature: the organization client scope) and a map keyed by organization (a JSON attribute).
     */
    private static final List<String> CLAIM_SHAPES = List.of("samples-cli", "samples-cli-array", "samples-cli-map");
    private static final String CLI = "samples-cli";
    private static final Duration KEY_CACHE = Duration.ofSeconds(2);

    private static EmbeddedPostgres postgres;
    private static KeycloakServer keycloak;
    private static Process service;
    private static Path serviceLog;
    private static String base;
    private static String management;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        keycloak = KeycloakServer.start();
        System.out.printf("Keycloak answered discovery %.1f s after its start%n", keycloak.startup().toMillis() / 1e3);
        serviceLog = Files.createTempFile("samples-keycloak", ".log");
        Map<String, String> settings = new HashMap<>(Map.of(
                "SAMPLES_DB_URL", "postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                "SAMPLES_DB_USER", "postgres",
                "SAMPLES_DB_PASSWORD", "postgres",
                "SAMPLES_OIDC_ISSUER", keycloak.issuer(),
                "SAMPLES_ORG_CLAIM", "organization",
                // Users first seen here may publish (the default, no_public, would stop at shared): the setting works
                // through the environment (everyShapeOfTheOrganizationClaimGivesTheSameAnswers checks the rows).
                "SAMPLES_NEW_ACCOUNT_POLICY", "open",
                "SAMPLES_OIDC_JWKS_REFRESH_INTERVAL", "1S",
                "SAMPLES_OIDC_JWKS_CACHE_TTL", KEY_CACHE.toSeconds() + "S"));
        // As in production: the migration step and the service, which does not migrate and waits for it.
        PackagedApp.Running running = PackagedApp.migrateAndStartReady(settings, serviceLog);
        service = running.process();
        base = running.endpoints().api();
        management = running.endpoints().management();
        try (Connection c = connect()) {
            organization(c, "acme", "public", false);
            organization(c, "pharma", "public", true);
            organization(c, "globex", "public", false);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        PackagedApp.stop(service);
        if (keycloak != null) {
            keycloak.close();
            assertFalse(keycloak.isAlive(), "a Keycloak process outlived the suite");
            assertFalse(keycloak.isListening(), "Keycloak's port is still open");
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void everyShapeOfTheOrganizationClaimGivesTheSameAnswers() throws Exception {
        for (String client : CLAIM_SHAPES) {
            String alice = keycloak.userToken(client, "alice");
            String bob = keycloak.userToken(client, "bob");
            String dana = keycloak.userToken(client, "dana");
            String carol = keycloak.userToken(client, "carol");
            JsonNode claim = KeycloakServer.claimsOf(dana).path("organization");
            assertEquals(client.endsWith("-array") ? JsonNodeType.ARRAY : client.endsWith("-map") ? JsonNodeType.OBJECT
                    : JsonNodeType.STRING, claim.getNodeType(), client + " made " + claim);
            String alicesSample = sample(alice, "private");
            String bobsSample = sample(bob, "private");

            // The owner in an open organization may publish; an org admin (realm role) may change a colleague's
            // sample, which needs the organization resolved from the claim; a colleague who is not admin may not
            // even see it; someone of another organization neither.
            assertEquals(200, patch(alice, alicesSample, "{\"visibility\": \"public\"}").status(), client);
            assertEquals(200, patch(dana, bobsSample, "{\"visibility\": \"shared\"}").status(), client);
            String before = state(alicesSample);
            Raw.Answer colleague = patch(bob, alicesSample, "{\"visibility\": \"private\"}");
            assertEquals("not_sample_owner", Leaks.error(colleague, 403).path("code").asText(), client);
            Leaks.error(patch(carol, bobsSample, "{\"visibility\": \"private\"}"), 404);
            assertEquals(before, state(alicesSample), client);
            assertEquals("public|1", visibilityAndAuditCount(alicesSample), client);
            assertEquals("shared|1", visibilityAndAuditCount(bobsSample), client);
            try (Connection c = connect()) {
                assertEquals("public", value(c, "SELECT max_visibility FROM users WHERE subject = ?",
                        KeycloakServer.claimsOf(alice).path("sub").asText()), "SAMPLES_NEW_ACCOUNT_POLICY=open");
            }
        }
    }

    @Test
    @Order(2)
    void anOrganizationHoldingPiiMayNotPublishAndNothingChanges() throws Exception {
        String paula = keycloak.userToken(CLI, "paula");
        String sample = sample(paula, "private");
        String before = state(sample);
        Raw.Answer answer = patch(paula, sample, "{\"visibility\": \"public\"}");
        assertEquals("org_policy_violation", Leaks.error(answer, 403).path("code").asText());
        assertEquals(before, state(sample));
    }

    @Test
    @Order(3)
    void addingToAProjectNeedsCanAddFilesAndNothingChanges() throws Exception {
        String alice = keycloak.userToken(CLI, "alice");
        String bob = keycloak.userToken(CLI, "bob");
        String sample = sample(alice, "private");
        String project = World.newId();
        try (Connection c = connect()) {
            update(c, "INSERT INTO projects (id, owner_id, name, public) VALUES (?, ?, 'Bob''s project', false)",
                    project, userId(bob));
            update(c, "INSERT INTO project_members (project_id, user_id, permissions) VALUES (?, ?,"
                    + " ARRAY['can_see_files'])", project, userId(alice));
        }
        String before = state(sample);
        Raw.Answer answer = patch(alice, sample, "{\"project\": {\"$ref\": \"/api/v1/projects/" + project + "\"}}");
        assertEquals("project_permission_denied", Leaks.error(answer, 403).path("code").asText());
        assertEquals(before, state(sample));

        try (Connection c = connect()) {
            update(c, "UPDATE project_members SET permissions = ARRAY['can_see_files', 'can_add_files']"
                    + " WHERE project_id = ?", project);
        }
        assertEquals(200, patch(alice, sample, "{\"project\": {\"$ref\": \"/api/v1/projects/" + project + "\"}}")
                .status());
    }

    @Test
    @Order(4)
    void anotherOrganizationsSampleIsNotFoundAndNothingChanges() throws Exception {
        String alice = keycloak.userToken(CLI, "alice");
        String carol = keycloak.userToken(CLI, "carol");
        String sample = sample(alice, "private");
        String before = state(sample);
        Leaks.error(patch(carol, sample, "{\"visibility\": \"public\"}"), 404);
        assertEquals(before, state(sample));
    }

    @Test
    @Order(5)
    void aServiceAccountActsInItsOrganization() throws Exception {
        String robot = keycloak.serviceAccountToken("samples-robot", "samples-robot-secret");
        String alice = keycloak.userToken(CLI, "alice");
        String own = sample(robot, "private");
        assertEquals(200, patch(robot, own, "{\"visibility\": \"shared\"}").status());
        String alicesPrivate = sample(alice, "private");
        String before = state(alicesPrivate);
        assertEquals(404, patch(robot, alicesPrivate, "{\"visibility\": \"public\"}").status());
        assertEquals(before, state(alicesPrivate));
        try (Connection c = connect()) {
            assertEquals("acme", value(c, "SELECT o.external_id FROM users u JOIN organizations o"
                    + " ON o.id = u.organization_id WHERE u.id = ?", userId(robot)));
        }
    }

    @Test
    @Order(6)
    void aTokenKeycloakLetExpireIs401AndChangesNothing() throws Exception {
        String shortLived = keycloak.userToken("samples-cli-short", "alice");
        long lifetime = KeycloakServer.claimsOf(shortLived).path("exp").asLong()
                - KeycloakServer.claimsOf(shortLived).path("iat").asLong();
        assertTrue(lifetime <= 5, "the short-lived client's tokens live " + lifetime + " s");
        String sample = sample(keycloak.userToken(CLI, "alice"), "private");
        assertEquals(200, patch(shortLived, sample, "{\"visibility\": \"shared\"}").status());
        Thread.sleep((lifetime + 2) * 1000);
        String before = state(sample);
        Raw.Answer answer = patch(shortLived, sample, "{\"visibility\": \"public\"}");
        Leaks.error(answer, 401);
        assertTrue(answer.header("WWW-Authenticate") != null && answer.header("WWW-Authenticate").startsWith("Bearer"),
                String.valueOf(answer.headers()));
        assertEquals(before, state(sample));
    }

    /**
     * A new key of higher priority: Keycloak signs with it, and the running service accepts its tokens (an unknown
     * key id refetches the JWKS). The old key disabled in Keycloak: its tokens are refused once the service's key
     * cache (SAMPLES_OIDC_JWKS_CACHE_TTL) has expired, without a restart.
     */
    @Test
    @Order(7)
    void rotatedKeysAreAcceptedWithoutARestartAndDisabledKeysRefused() throws Exception {
        String oldToken = keycloak.userToken(CLI, "alice");
        String oldKey = KeycloakServer.keyIdOf(oldToken);
        String sample = sample(oldToken, "private");
        assertEquals(200, patch(oldToken, sample, "{\"visibility\": \"shared\"}").status());

        String newKey = keycloak.addSigningKey("rotated-rsa", 200);
        assertNotEquals(oldKey, newKey);
        String newToken = keycloak.userToken(CLI, "alice");
        assertEquals(newKey, KeycloakServer.keyIdOf(newToken));
        assertEquals(200, patch(newToken, sample, "{\"visibility\": \"private\"}").status());
        assertEquals(200, patch(oldToken, sample, "{\"visibility\": \"shared\"}").status(),
                "the old key is still published and still valid");

        keycloak.disableSigningKey("rsa-generated");
        long disabled = System.nanoTime();
        assertFalse(keycloak.publishedKeyIds().contains(oldKey), "Keycloak still publishes the disabled key");
        while (read(oldToken, sample) == 200) {
            assertTrue(System.nanoTime() - disabled < KEY_CACHE.multipliedBy(2).plusSeconds(3).toNanos(),
                    "a token of the disabled key is still accepted");
            Thread.sleep(250);
        }
        System.out.printf("a token of the disabled key was refused %.1f s after it was disabled%n",
                (System.nanoTime() - disabled) / 1e9);
        String before = state(sample);
        Raw.Answer refused = patch(oldToken, sample, "{\"visibility\": \"private\"}");
        Leaks.error(refused, 401);
        assertEquals(before, state(sample));
        assertEquals(200, patch(newToken, sample, "{\"visibility\": \"private\"}").status());
        assertTrue(service.isAlive(), "the service restarted");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static Raw.Answer patch(String token, String sampleId, String body) {
        return Raw.exchange(HttpRequest.newBuilder(URI.create(base + "/api/v1/samples/" + sampleId))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    private static int read(String token, String sampleId) {
        return Raw.exchange(HttpRequest.newBuilder(URI.create(base + "/api/v1/samples/" + sampleId))
                .header("Authorization", "Bearer " + token).GET()).status();
    }

    /** The caller's user id: the service provisions the user on first sight of the token. */
    private static String userId(String token) throws Exception {
        Raw.Answer account = Raw.exchange(HttpRequest.newBuilder(URI.create(base + "/api/v1/account"))
                .header("Authorization", "Bearer " + token).GET());
        assertEquals(200, account.status(), account.body());
        try (Connection c = connect()) {
            return value(c, "SELECT id FROM users WHERE subject = ?",
                    KeycloakServer.claimsOf(token).path("sub").asText());
        }
    }

    private static String sample(String ownerToken, String visibility) throws Exception {
        String id = World.newId();
        try (Connection c = connect()) {
            update(c, "INSERT INTO samples (id, owner_id, filename, size, status, visibility)"
                    + " VALUES (?, ?, 'SRR1.fastq.gz', 1000, 'available', ?)", id, userId(ownerToken), visibility);
        }
        return id;
    }

    /** Everything a PATCH may change, and the audit trail's length. */
    private static String state(String sampleId) throws SQLException {
        try (Connection c = connect()) {
            return value(c, "SELECT s.visibility || '|' || coalesce(s.project_id, '-') || '|' || s.version || '|'"
                    + " || (SELECT count(*) FROM sample_tags t WHERE t.sample_id = s.id) || '|'"
                    + " || (SELECT count(*) FROM audit_events e WHERE e.sample_id = s.id)"
                    + " FROM samples s WHERE s.id = ?", sampleId);
        }
    }

    private static String visibilityAndAuditCount(String sampleId) throws SQLException {
        try (Connection c = connect()) {
            return value(c, "SELECT s.visibility || '|' || (SELECT count(*) FROM audit_events e"
                    + " WHERE e.sample_id = s.id) FROM samples s WHERE s.id = ?", sampleId);
        }
    }

    private static void organization(Connection c, String externalId, String maxVisibility, boolean holdsPii)
            throws SQLException {
        update(c, "INSERT INTO organizations (id, external_id, name, max_visibility, holds_pii)"
                + " VALUES (?, ?, ?, ?, ?)", World.newId(), externalId, externalId, maxVisibility, holdsPii);
    }

    private static Connection connect() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static String value(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
