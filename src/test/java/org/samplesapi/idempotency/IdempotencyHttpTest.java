package org.samplesapi.idempotency;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Idempotency-Key: a retry of a POST or PATCH with the same key and request, by the same caller, gets the first answer
 * and changes nothing; the key with another request, or while the first runs, is refused and changes nothing.
 */
@QuarkusTest
class IdempotencyHttpTest {

    private final User owner = World.user(World.openOrg());

    @Inject
    IdempotencyKeys keys;

    private Response preupload(User caller, String key, String body) {
        return given().auth().oauth2(Tokens.of(caller)).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/samples/preupload");
    }

    private long samplesOf(User user) {
        return Db.count("SELECT count(*) FROM samples WHERE owner_id = ?", user.id());
    }

    @Test
    void aRetriedPreuploadCreatesOneSampleAndGetsTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        Response first = preupload(owner, key, "{\"metadata\": {\"name\": \"Run 7\"}}");
        assertEquals(201, first.statusCode(), first.asString());
        assertNull(first.header("Idempotent-Replayed"));
        Response retry = preupload(owner, key, "{\"metadata\": {\"name\": \"Run 7\"}}");
        assertEquals(201, retry.statusCode(), retry.asString());
        assertEquals(first.jsonPath().getString("sample_id"), retry.jsonPath().getString("sample_id"));
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertTrue(first.header("Location").endsWith("/api/v1/samples/" + first.jsonPath().getString("sample_id")),
                first.header("Location"));
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(1, samplesOf(owner));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        String key = UUID.randomUUID().toString();
        assertEquals(201, preupload(owner, key, "{}").statusCode());
        Response other = preupload(owner, key, "{\"metadata\": {\"name\": \"another\"}}");
        assertEquals(422, other.statusCode(), other.asString());
        assertEquals("idempotency_key_reused", other.jsonPath().getString("code"));
        assertEquals(422, other.jsonPath().getInt("status"));
        assertEquals(1, samplesOf(owner));
    }

    @Test
    void aRetriedPatchChangesTheSampleOnce() {
        String sample = World.sample(owner, "private");
        String key = UUID.randomUUID().toString();
        Response first = given().auth().oauth2(Tokens.of(owner)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{\"visibility\": \"shared\"}")
                .patch("/api/v1/samples/{id}", sample);
        assertEquals(200, first.statusCode(), first.asString());
        String after = Db.sampleSnapshot(sample);
        long events = Db.count("SELECT count(*) FROM audit_events WHERE sample_id = ?", sample);
        Response retry = given().auth().oauth2(Tokens.of(owner)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{\"visibility\": \"shared\"}")
                .patch("/api/v1/samples/{id}", sample);
        assertEquals(200, retry.statusCode());
        assertEquals(first.asString(), retry.asString());
        assertEquals(first.header("ETag"), retry.header("ETag"));
        assertEquals(after, Db.sampleSnapshot(sample), "the retry changed the sample");
        assertEquals(events, Db.count("SELECT count(*) FROM audit_events WHERE sample_id = ?", sample));
    }

    @Test
    void keysBelongToTheirCaller() {
        User other = World.user(World.openOrg());
        String key = UUID.randomUUID().toString();
        String mine = preupload(owner, key, "{}").jsonPath().getString("sample_id");
        Response theirs = preupload(other, key, "{}");
        assertEquals(201, theirs.statusCode());
        assertNull(theirs.header("Idempotent-Replayed"));
        assertNotEquals(mine, theirs.jsonPath().getString("sample_id"));
        assertEquals(1, samplesOf(owner));
        assertEquals(1, samplesOf(other));
    }

    /** A namesake (another subject with the same user name) must not be given the first caller's answer. */
    @Test
    void keysBelongToTheSubjectNotTheUserName() {
        User namesake = World.user(World.openOrg());
        String name = "pat-" + World.newId();
        String key = UUID.randomUUID().toString();
        Response mine = given().auth().oauth2(Tokens.named(owner, name)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{}").post("/api/v1/samples/preupload");
        assertEquals(201, mine.statusCode(), mine.asString());
        Response theirs = given().auth().oauth2(Tokens.named(namesake, name)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{}").post("/api/v1/samples/preupload");
        assertEquals(201, theirs.statusCode(), theirs.asString());
        assertNull(theirs.header("Idempotent-Replayed"), "the namesake was given the first caller's answer");
        assertNotEquals(mine.jsonPath().getString("sample_id"), theirs.jsonPath().getString("sample_id"));
        assertEquals(1, samplesOf(owner));
        assertEquals(1, samplesOf(namesake));
    }

    @Test
    void aKeyWhoseFirstRequestStillRunsIsAskedToWait() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{}";
        Db.exec("INSERT INTO idempotency_keys (caller, key, fingerprint) VALUES (?, ?, ?)", owner.subject(), key,
                fingerprint("POST /api/v1/samples/preupload", body));
        Response waiting = preupload(owner, key, body);
        assertEquals(409, waiting.statusCode(), waiting.asString());
        assertEquals("idempotency_key_in_progress", waiting.jsonPath().getString("code"));
        assertEquals("1", waiting.header("Retry-After"));
        assertEquals(0, samplesOf(owner));
    }

    @Test
    void aBadKeyIsRefusedAndChangesNothing() {
        Response bad = preupload(owner, "a key with spaces", "{}");
        assertEquals(400, bad.statusCode(), bad.asString());
        assertEquals("invalid_idempotency_key", bad.jsonPath().getString("code"));
        assertEquals(0, samplesOf(owner));
    }

    @Test
    void expiredKeysArePurged() throws Throwable {
        String key = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        Db.exec("INSERT INTO idempotency_keys (caller, key, fingerprint, status, created_at)"
                + " VALUES (?, ?, repeat('0', 64), 201, now() - interval '25 hours'),"
                + " (?, ?, repeat('0', 64), 201, now() - interval '23 hours')", owner.subject(), key, owner.subject(),
                fresh);
        VertxContextSupport.subscribeAndAwait(keys::purge);
        assertEquals(0, Db.count("SELECT count(*) FROM idempotency_keys WHERE key = ?", key));
        assertEquals(1, Db.count("SELECT count(*) FROM idempotency_keys WHERE key = ?", fresh));
    }

    private static String fingerprint(String requestLine, String body) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((requestLine + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(body.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }
}
