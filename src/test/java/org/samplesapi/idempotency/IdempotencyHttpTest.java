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

    private Response keyedPatch(String token, String key, String sample, String body, String ifMatch) {
        var request = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.body(body).patch("/api/v1/samples/{id}", sample);
    }

    /** A dry run changes nothing: its key is neither taken nor stored, and stays free for the real request. */
    @Test
    void aKeyedDryRunIsNotStoredAndLeavesTheKeyFree() {
        String sample = World.sample(owner, "private");
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            Response dry = given().auth().oauth2(Tokens.of(owner)).header("Idempotency-Key", key)
                    .contentType(ContentType.JSON).body("{\"visibility\": \"shared\"}").queryParam("dry_run", "true")
                    .patch("/api/v1/samples/{id}", sample);
            assertEquals(200, dry.statusCode(), dry.asString());
            assertNull(dry.header("Idempotent-Replayed"));
        }
        assertEquals(0, Db.count("SELECT count(*) FROM idempotency_keys WHERE key = ?", key));
        assertEquals("private", Db.value("SELECT visibility FROM samples WHERE id = ?", sample));
        Response real = keyedPatch(Tokens.of(owner), key, sample, "{\"visibility\": \"shared\"}", null);
        assertEquals(200, real.statusCode(), real.asString());
        assertNull(real.header("Idempotent-Replayed"));
        assertEquals("shared", Db.value("SELECT visibility FROM samples WHERE id = ?", sample));
    }

    /**
     * An answer over the size cap is not kept, but the key still guards against a second execution: the retry gets a
     * 409 that says so, and changes nothing.
     */
    @Test
    void anAnswerTooLargeToKeepGuardsItsKeyAndTheReplaySaysSo() {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 90; i++) {
            ids.append(i == 0 ? "" : ", ").append('"').append(World.sample(owner, "private")).append('"');
        }
        String body = "{\"ids\": [" + ids + "], \"visibility\": \"shared\"}";
        String key = UUID.randomUUID().toString();
        Response first = given().auth().oauth2(Tokens.of(owner)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/samples/bulk_update");
        assertEquals(200, first.statusCode(), first.asString());
        assertTrue(first.asString().length() > 4096, "the answer is over the test's cap");
        assertEquals(1, Db.count("SELECT count(*) FROM idempotency_keys WHERE key = ? AND body IS NULL"
                + " AND answer_not_kept", key));
        String before = Db.value("SELECT string_agg(id || visibility || version, ',' ORDER BY id) FROM samples"
                + " WHERE owner_id = ?", owner.id());
        Response retry = given().auth().oauth2(Tokens.of(owner)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/samples/bulk_update");
        assertEquals(409, retry.statusCode(), retry.asString());
        assertEquals("idempotency_answer_not_kept", retry.jsonPath().getString("code"));
        assertTrue(retry.jsonPath().getString("message").contains("status 200"), retry.asString());
        assertEquals(before, Db.value("SELECT string_agg(id || visibility || version, ',' ORDER BY id) FROM samples"
                + " WHERE owner_id = ?", owner.id()), "the retry ran again");
    }

    /** A caller holds a bounded number of live keys: beyond it, a 429 of its own, and nothing runs. */
    @Test
    void aCallerBeyondTheKeyQuotaIsRefusedAndChangesNothing() {
        User hoarder = World.user(World.openOrg());
        Db.exec("INSERT INTO idempotency_keys (caller, key, fingerprint, status)"
                + " SELECT ?, 'k' || n, repeat('0', 64), 201 FROM generate_series(1, 1000) AS n", hoarder.subject());
        Response refused = preupload(hoarder, UUID.randomUUID().toString(), "{}");
        assertEquals(429, refused.statusCode(), refused.asString());
        assertEquals("idempotency_key_quota", refused.jsonPath().getString("code"));
        assertEquals(429, refused.jsonPath().getInt("status"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) > 0);
        assertEquals(0, samplesOf(hoarder));
        assertEquals(1000, Db.count("SELECT count(*) FROM idempotency_keys WHERE caller = ?", hoarder.subject()));
        // Keys older than a day do not count, and a held key is still answered.
        Db.exec("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE caller = ? AND key = 'k1'",
                hoarder.subject());
        assertEquals(201, preupload(hoarder, UUID.randomUUID().toString(), "{}").statusCode());
        assertEquals(1, samplesOf(hoarder));
    }

    /** The same key and body with another If-Match is another request. */
    @Test
    void ifMatchIsPartOfTheRequest() {
        String sample = World.sample(owner, "private");
        String key = UUID.randomUUID().toString();
        assertEquals(200, keyedPatch(Tokens.of(owner), key, sample, "{\"visibility\": \"shared\"}", "\"1\"")
                .statusCode());
        String after = Db.sampleSnapshot(sample);
        Response other = keyedPatch(Tokens.of(owner), key, sample, "{\"visibility\": \"shared\"}", "\"2\"");
        assertEquals(422, other.statusCode(), other.asString());
        assertEquals("idempotency_key_reused", other.jsonPath().getString("code"));
        assertEquals(after, Db.sampleSnapshot(sample));
    }

    /**
     * A replay is authorized again: an organization admin who changed a member's sample, and has since lost the role,
     * is not shown the stored answer, which names a sample they can no longer read.
     */
    @Test
    void aReplayNamingWhatTheCallerNoLongerReadsIsWithheld() {
        World.Org org = World.openOrg();
        User admin = World.user(org);
        String membersSample = World.sample(World.user(org), "shared");
        String key = UUID.randomUUID().toString();
        String body = "{\"visibility\": \"private\"}";
        assertEquals(200, keyedPatch(Tokens.admin(admin), key, membersSample, body, null).statusCode());
        String after = Db.sampleSnapshot(membersSample);
        Response replay = keyedPatch(Tokens.of(admin), key, membersSample, body, null);
        assertEquals(403, replay.statusCode(), replay.asString());
        assertEquals("idempotency_replay_forbidden", replay.jsonPath().getString("code"));
        assertTrue(!replay.asString().contains(membersSample), "the refusal names the sample");
        assertEquals(after, Db.sampleSnapshot(membersSample));
        // Still an admin: the replay is served.
        Response served = keyedPatch(Tokens.admin(admin), key, membersSample, body, null);
        assertEquals(200, served.statusCode(), served.asString());
        assertEquals("true", served.header("Idempotent-Replayed"));
    }

    /** A caller whose account was moved to another organization is refused before anything is replayed. */
    @Test
    void aMovedCallerIsRefusedBeforeAnyReplay() {
        World.Org org = World.openOrg();
        User member = World.user(org);
        String sample = World.sample(member, "private");
        String key = UUID.randomUUID().toString();
        String body = "{\"visibility\": \"shared\"}";
        String token = Tokens.of(member);
        assertEquals(200, keyedPatch(token, key, sample, body, null).statusCode());
        given().auth().oauth2(Tokens.platformAdmin(World.user(World.openOrg()))).contentType(ContentType.JSON)
                .body("{\"organization\": \"" + World.openOrg().id() + "\"}").patch("/api/v1/users/{id}", member.id())
                .then().statusCode(200);
        String after = Db.sampleSnapshot(sample);
        Response replay = keyedPatch(token, key, sample, body, null);
        assertEquals(403, replay.statusCode(), replay.asString());
        assertEquals("organization_changed", replay.jsonPath().getString("code"));
        assertNull(replay.header("Idempotent-Replayed"));
        assertEquals(after, Db.sampleSnapshot(sample));
    }

    private static String fingerprint(String requestLine, String body) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((requestLine + "\n\n").getBytes(StandardCharsets.UTF_8));
        sha.update(body.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }
}
