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
            String answeredForStoredETag = stateByETag.get(stored.header("ETag"));
            assertTrue(answeredForStoredETag == null || answeredForStoredETag.equals(storedState),
                    "stored " + storedState + " but a response with the same ETag said " + answeredForStoredETag);
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
            for (int i = 0; i < 32; i++) {
                List<String> set = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    if (((i + 1) & (1 << t)) != 0) {
                        set.add(tags.get(t));
                    }
                }
                String visibility = visibilities[i % 3];
                requested.put(visibility + " " + set, "request " + i);
                String body = "{\"visibility\": \"" + visibility + "\", \"tags\": [\""
                        + String.join("\", \"", set) + "\"]}";
                futures.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(body).when().patch("/api/v1/samples/{id}", id)));
            }
            java.util.Set<String> etags = new java.util.HashSet<>();
            for (Future<Response> future : futures) {
                Response response = future.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.asString());
                assertTrue(requested.containsKey(state(response)), "answered an unasked state " + state(response));
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
     * An administrator makes an organization private-only (and its samples private) while its members PATCH samples
     * to public. Whichever commits first, no public sample of the organization may remain: a PATCH either sees the
     * new policy (403) or its public sample is there for the administrator's update to find.
     */
    @Test
    void aPolicyTightenedDuringPatchesLeavesNoPublicSample() throws Exception {
        Org org = World.openOrg();
        User member = World.user(org);
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            samples.add(World.sample(member, "private"));
        }
        String token = Tokens.of(member);
        // First sight provisions the member, which touches the organization row: do it before the race.
        given().auth().oauth2(token).get("/api/v1/samples/{id}", samples.get(0)).then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<Future<Response>> patches = new ArrayList<>();
            Future<?> tighten = pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(
                        System.getProperty(EmbeddedPostgresResource.SUPERUSER_URL_PROPERTY))) {
                    c.setAutoCommit(false);
                    try (var s = c.createStatement()) {
                        s.executeUpdate("UPDATE organizations SET holds_pii = true WHERE id = '" + org.id() + "'");
                        s.executeUpdate("UPDATE samples SET visibility = 'private', version = version + 1"
                                + " WHERE visibility <> 'private' AND owner_id IN"
                                + " (SELECT id FROM users WHERE organization_id = '" + org.id() + "')");
                        // PATCHes arrive now: after the administrator's sweep, before the new policy is committed.
                        Thread.sleep(300);
                    }
                    c.commit();
                }
                return null;
            });
            Thread.sleep(50);
            for (String id : samples) {
                patches.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body("{\"visibility\": \"public\"}").when().patch("/api/v1/samples/{id}", id)));
            }
            tighten.get();
            for (Future<Response> patch : patches) {
                int status = patch.get().statusCode();
                assertTrue(status == 200 || status == 403, "status " + status);
            }
            assertEquals(0, Db.count("SELECT count(*) FROM samples s JOIN users u ON u.id = s.owner_id"
                    + " WHERE u.organization_id = ? AND s.visibility = 'public'", org.id()));
        } finally {
            pool.shutdownNow();
        }
    }
}
