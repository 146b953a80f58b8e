package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Api;
import org.samplesapi.support.Db;
import org.samplesapi.support.EmbeddedPostgresResource;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Concurrent PATCHes of one sample serialize on its row lock, and each one decides and answers on the state left by
 * the one before: every response's ETag names exactly the state it shows, and the last one is what is stored.
 */
@QuarkusTest
class ConcurrentPatchHttpTest {

    private final User owner = World.user(World.openOrg());

    @Test
    void concurrentTagAndVisibilityChangesNeverAnswerWithAStaleState() throws Exception {
        String first = World.tag(owner, "WGS");
        String second = World.tag(owner, "16S");
        String id = World.sample(owner, "private");
        String token = Tokens.of(owner);
        String[] bodies = {
            "{\"tags\": [\"" + first + "\"]}", "{\"tags\": []}", "{\"tags\": [\"" + second + "\", \"" + first + "\"]}",
            "{\"visibility\": \"shared\"}", "{\"visibility\": \"private\"}", "{\"tags\": [\"" + second + "\"]}"};
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Response>> futures = new ArrayList<>();
        try {
            for (int round = 0; round < 6; round++) {
                for (String body : bodies) {
                    Callable<Response> patch = () -> given().auth().oauth2(token).contentType(ContentType.JSON)
                            .body(body).when().patch("/api/v1/samples/{id}", id);
                    futures.add(pool.submit(patch));
                }
            }
            Map<String, String> stateByETag = new HashMap<>();
            for (Future<Response> future : futures) {
                Response response = future.get();
                assertEquals(200, response.statusCode(), response.asString());
                String state = state(response);
                String previous = stateByETag.putIfAbsent(response.header("ETag"), state);
                assertTrue(previous == null || previous.equals(state),
                        "ETag " + response.header("ETag") + " answered as both " + previous + " and " + state);
            }
            Response stored = given().auth().oauth2(token).get("/api/v1/samples/{id}", id);
            String storedState = state(stored);
            // The PATCH that wrote the stored version answered with its ETag, so one answer names it.
            assertEquals(storedState, stateByETag.get(stored.header("ETag")),
                    "the stored state and the answer under its ETag differ");
            assertEquals("\"" + Db.value("SELECT version FROM samples WHERE id = ?", id) + "\"", stored.header("ETag"));
            Api.assertVisibilityAuditChain(id, "private");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * 32 writers each set the whole state (a visibility and a distinct tag set) at once. No request may be lost or
     * half-applied: every one answers 200 with exactly what it asked for, each under its own version, and what is
     * stored at the end is exactly one of the requests.
     */
    @Test
    void thirtyTwoConcurrentFullChangesLeaveExactlyOneOfThem() throws Exception {
        List<String> tags = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            tags.add(World.tag(owner, "tag-" + t));
        }
        String id = World.sample(owner, "private");
        String token = Tokens.of(owner);
        String[] visibilities = {"private", "shared", "public"};
        Map<String, String> requested = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            List<String> asked = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                List<String> set = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    if (((i + 1) & (1 << t)) != 0) {
                        set.add(tags.get(t));
                    }
                }
                String visibility = visibilities[i % 3];
                requested.put(visibility + " " + set, "request " + i);
                asked.add(visibility + " " + set);
                String body = "{\"visibility\": \"" + visibility + "\", \"tags\": [\""
                        + String.join("\", \"", set) + "\"]}";
                futures.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(body).when().patch("/api/v1/samples/{id}", id)));
            }
            java.util.Set<String> etags = new java.util.HashSet<>();
            for (int i = 0; i < futures.size(); i++) {
                Response response = futures.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.asString());
                assertEquals(asked.get(i), state(response), "request " + i + " was answered another state");
                assertTrue(etags.add(response.header("ETag")), "two changes answered under one version");
            }
            Response stored = given().auth().oauth2(token).get("/api/v1/samples/{id}", id);
            assertTrue(requested.containsKey(state(stored)), "stored a state nobody asked for: " + state(stored));
            assertEquals("33", Db.value("SELECT version FROM samples WHERE id = ?", id), "one version per change");
            Api.assertVisibilityAuditChain(id, "private");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String state(Response sample) {
        List<String> refs = sample.jsonPath().getList("tags.$ref");
        return sample.jsonPath().getString("visibility") + " "
                + refs.stream().map(ref -> ref.substring(ref.lastIndexOf('/') + 1)).toList();
    }

    @Test
    void ofConcurrentWritersHoldingOneETagExactlyOneWins() throws Exception {
        String first = World.tag(owner, "first");
        String id = World.sample(owner, "private");
        String token = Tokens.of(owner);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String body = i % 2 == 0 ? "{\"visibility\": \"shared\", \"tags\": [\"" + first + "\"]}"
                        : "{\"visibility\": \"public\"}";
                futures.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .header("If-Match", "\"1\"").body(body).when().patch("/api/v1/samples/{id}", id)));
            }
            int won = 0;
            int stale = 0;
            for (Future<Response> future : futures) {
                int status = future.get().statusCode();
                won += status == 200 ? 1 : 0;
                stale += status == 412 ? 1 : 0;
            }
            assertEquals(1, won, "one writer wins the version");
            assertEquals(9, stale, "every other writer is told its ETag is stale");
            assertEquals("2", Db.value("SELECT version FROM samples WHERE id = ?", id));
            assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE sample_id = ?", id));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * An administrator marks an organization as holding PII and sweeps its shared samples back to private, in one
     * transaction, while its members PATCH those samples to public. The transaction stays open until every PATCH is
     * seen waiting on a lock it holds; then it commits. Each PATCH must then decide on the committed policy: all are
     * refused, and what the sweep left is exactly what is stored.
     */
    @Test
    void aPolicyTightenedDuringPatchesIsWaitedForAndHonoured() throws Exception {
        Org org = World.openOrg();
        User member = World.user(org);
        List<String> samples = samplesOf(member, 8, "shared");
        raceToPublic(member, samples, "UPDATE organizations SET holds_pii = true WHERE id = '" + org.id() + "'",
                "UPDATE samples SET visibility = 'private', version = version + 1 WHERE visibility <> 'private'"
                        + " AND owner_id IN (SELECT id FROM users WHERE organization_id = '" + org.id() + "')");
        for (String id : samples) {
            assertEquals("private|2|0", Db.value("SELECT s.visibility || '|' || s.version || '|'"
                    + " || (SELECT count(*) FROM audit_events a WHERE a.sample_id = s.id) FROM samples s"
                    + " WHERE s.id = ?", id), "sample " + id + " is not as the sweep left it");
        }
    }

    /**
     * The policy alone is tightened (no sample row is touched), so nothing but the organization row's lock can make
     * a PATCH see the new policy: each must wait for the administrator's commit and then be refused. Without that
     * lock they would not wait, and would publish under the old policy.
     */
    @Test
    void aPatchWaitsForAPolicyBeingTightenedOnItsOwn() throws Exception {
        Org org = World.openOrg();
        User member = World.user(org);
        List<String> samples = samplesOf(member, 4, "private");
        List<String> before = new ArrayList<>();
        samples.forEach(id -> before.add(Db.sampleSnapshot(id)));
        raceToPublic(member, samples, "UPDATE organizations SET max_visibility = 'private' WHERE id = '" + org.id()
                + "'");
        List<String> after = new ArrayList<>();
        samples.forEach(id -> after.add(Db.sampleSnapshot(id)));
        assertEquals(before, after, "a refused PATCH wrote");
    }

    private static List<String> samplesOf(User owner, int count, String visibility) {
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(World.sample(owner, visibility));
        }
        return samples;
    }

    /**
     * The member PATCHes each of the samples to public while an administrator's transaction runs the statements
     * (each must change something); it commits only once every PATCH waits on its locks, and every PATCH must then
     * be refused by the organization policy.
     */
    private static void raceToPublic(User member, List<String> samples, String... statements) throws Exception {
        int count = samples.size();
        String token = Tokens.of(member);
        // First sight provisions the member, which touches the organization row: do it before the race.
        given().auth().oauth2(token).get("/api/v1/samples/{id}", samples.get(0)).then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try (Connection admin = DriverManager.getConnection(
                System.getProperty(EmbeddedPostgresResource.SUPERUSER_URL_PROPERTY))) {
            admin.setAutoCommit(false);
            try (var s = admin.createStatement()) {
                for (String statement : statements) {
                    assertTrue(s.executeUpdate(statement) > 0, "the administrator's statement changed nothing: "
                            + statement);
                }
            }
            List<Future<Response>> patches = new ArrayList<>();
            for (String id : samples) {
                patches.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body("{\"visibility\": \"public\"}").when().patch("/api/v1/samples/{id}", id)));
            }
            awaitWaitingOnLocks(count);
            admin.commit();
            for (Future<Response> patch : patches) {
                Response response = patch.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(403, response.statusCode(), response.asString());
                assertEquals("org_policy_violation", response.jsonPath().getString("code"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls until this many of the service's statements wait on a lock (the PATCHes queued behind the sweep). */
    private static void awaitWaitingOnLocks(int expected) throws InterruptedException {
        long waiting = 0;
        for (int i = 0; i < 400 && waiting < expected; i++) {
            Thread.sleep(25);
            waiting = Db.count("SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND wait_event_type = 'Lock'",
                    EmbeddedPostgresResource.APP_ROLE);
        }
        assertEquals(expected, waiting, "PATCHes waiting on the administrator's locks");
    }
}
