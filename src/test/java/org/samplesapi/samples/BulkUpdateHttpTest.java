package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samplesapi.support.OpenApiConformance.invalidOnPurpose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Api;
import org.samplesapi.support.Db;
import org.samplesapi.support.Metrics;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A bulk change decides each sample as a PATCH of it would be. The caller is an admin of an open organization; the
 * samples cover every outcome: allowed and changing, allowed and already as asked, refused by an account policy,
 * readable but someone else's, unreadable, missing, deleted. Each mode is checked against what every sample must
 * become, and every sample not allowed to change is checked unchanged, row, tags and audit trail.
 */
@QuarkusTest
class BulkUpdateHttpTest {

    private User admin;
    private final Map<String, String> samples = new LinkedHashMap<>();

    @BeforeEach
    void world() {
        Org org = World.openOrg();
        admin = World.user(org);
        User privateMember = World.user(org, "private", false);
        User stranger = World.user(World.openOrg());
        samples.put("mine_private", World.sample(admin, "private"));
        samples.put("mine_shared", World.sample(admin, "shared"));
        samples.put("member_capped", World.sample(privateMember, "private"));
        samples.put("stranger_public", World.sample(stranger, "public"));
        samples.put("stranger_private", World.sample(stranger, "private"));
        samples.put("missing", World.newId());
        samples.put("mine_deleted", World.sample(admin, "private", "deleted", null));
    }

    /** sample → (what all_or_nothing leaves, what apply_allowed makes of it, how the answer lists it). */
    private static final Map<String, String> TRUTH = Map.of(
            "mine_private", "private shared changed",
            "mine_shared", "shared shared unchanged",
            "member_capped", "private private refused:account_policy_violation",
            "stranger_public", "public public refused:not_sample_owner",
            "stranger_private", "private private hidden",
            "missing", "- - hidden",
            "mine_deleted", "private private hidden");

    @Test
    void allOrNothingChangesNothingAndListsEveryReadableRefusal() {
        Map<String, String> before = snapshots();
        JsonPath answer = bulk(Map.of("mode", "all_or_nothing"), 403);
        assertEquals("bulk_update_refused", answer.getString("code"));
        assertEquals(before, snapshots(), "a refused bulk change wrote something");
        assertEquals(List.of(), answer.getList("changed"));
        assertListed(answer, 1);
        for (String name : samples.keySet()) {
            String expected = TRUTH.get(name).split(" ")[0];
            if (!expected.equals("-")) {
                assertEquals(expected, visibility(name), name);
            }
        }
    }

    @Test
    void applyAllowedChangesTheAllowedOnesAndListsTheRest() {
        Map<String, String> before = snapshots();
        String version = Db.value("SELECT version FROM samples WHERE id = ?", samples.get("mine_private"));
        Map<String, Double> denied = denials();
        JsonPath answer = bulk(Map.of("mode", "apply_allowed"), 200);
        Map<String, Double> counted = denials();
        counted.replaceAll((reason, total) -> total - denied.get(reason));
        assertEquals(Map.of("account_policy_violation", 1.0, "not_sample_owner", 1.0, "not_found", 3.0), counted,
                "each refusal counts as the PATCH of its sample would");
        assertListed(answer, 2);
        for (String name : samples.keySet()) {
            String[] truth = TRUTH.get(name).split(" ");
            if (!truth[1].equals("-")) {
                assertEquals(truth[1], visibility(name), name);
            }
            if (!truth[2].equals("changed")) {
                assertEquals(before.get(name), Db.sampleSnapshot(samples.get(name)), name + " was written");
            }
        }
        String changed = samples.get("mine_private");
        assertEquals(Long.parseLong(version) + 1,
                Long.parseLong(Db.value("SELECT version FROM samples WHERE id = ?", changed)));
        // The caller's X-Request-Id is kept beside the id the service made, which is what the trail trusts.
        assertEquals(List.of("visibility private>shared bulk-1"), Db.column("SELECT field || ' ' || old_value || '>'"
                + " || new_value || ' ' || client_request_id FROM audit_events WHERE sample_id = ?", changed));
        assertTrue(Db.value("SELECT request_id FROM audit_events WHERE sample_id = ?", changed)
                .matches("[0-9a-f]{8}-[0-9a-f-]{27}"), "the service makes the audit's request id");
    }

    /**
     * The answer names each readable sample where the truth says (when nothing applied, only the refused ones), and
     * never an unreadable one.
     */
    private void assertListed(JsonPath answer, int column) {
        Map<String, String> listed = new LinkedHashMap<>();
        answer.getList("changed.'$ref'", String.class).forEach(ref -> listed.put(ref, "changed"));
        answer.getList("unchanged.'$ref'", String.class).forEach(ref -> listed.put(ref, "unchanged"));
        List<Map<String, Object>> refused = answer.getList("refused");
        refused.forEach(r -> listed.put(((Map<?, ?>) r.get("sample")).get("$ref").toString(),
                "refused:" + r.get("code")));
        Map<String, String> expected = new LinkedHashMap<>();
        int hidden = 0;
        for (String name : samples.keySet()) {
            String outcome = TRUTH.get(name).split(" ")[2];
            if (outcome.equals("hidden")) {
                hidden++;
                assertFalse(answer.prettify().contains(samples.get(name)), name + " appears in the answer");
            } else if (column == 2 || outcome.startsWith("refused")) {
                expected.put("/api/v1/samples/" + samples.get(name), outcome);
            }
        }
        assertEquals(expected, listed);
        assertEquals(hidden, answer.getInt("not_found"));
        assertEquals(samples.size(), answer.getInt("requested"));
    }

    /** Samples the caller may not read and ids that name nothing give the same answer, byte for byte. */
    @Test
    void anUnreadableSampleCannotBeToldFromAMissingOne() {
        String mine = samples.get("mine_private");
        String hidden = samples.get("stranger_private");
        String deleted = samples.get("mine_deleted");
        String missing = samples.get("missing");
        String other = World.newId();
        Response first = post(bodyFor(List.of(mine, hidden, deleted)), 404);
        Response second = post(bodyFor(List.of(mine, missing, other)), 404);
        assertEquals(first.asString(), second.asString());
        for (String id : List.of(hidden, deleted, mine)) {
            assertFalse(first.asString().contains(id), id + " is named");
        }
    }

    /**
     * A bulk change locks only the samples the caller may change: one that names a stranger's sample is not held up
     * by another transaction's lock on it, so a caller cannot hold other people's rows either.
     */
    @Test
    void aBulkChangeDoesNotWaitForRowsItMayNotChange() throws Exception {
        String strangers = samples.get("stranger_public");
        try (java.sql.Connection other = java.sql.DriverManager.getConnection(System.getProperty(
                org.samplesapi.support.EmbeddedPostgresResource.SUPERUSER_URL_PROPERTY))) {
            other.setAutoCommit(false);
            other.createStatement().execute("SELECT 1 FROM samples WHERE id = '" + strangers + "' FOR UPDATE");
            java.util.concurrent.CompletableFuture<Integer> status = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> post(bodyFor(List.of(samples.get("mine_private"), strangers), "apply_allowed"), 200)
                            .jsonPath().getInt("refused.size()"));
            assertEquals(1, status.get(10, java.util.concurrent.TimeUnit.SECONDS), "refused: the stranger's sample");
            other.rollback();
        }
        assertEquals("shared", visibility("mine_private"));
    }

    /** A change of project and tags gives each sample exactly what a PATCH of it gives: row, tags, audit events. */
    @Test
    void projectAndTagsChangeAsAPatchChangesThem() {
        String project = World.project(admin, false);
        String wgs = World.tag(admin, "WGS");
        String soil = World.tag(admin, "soil");
        String viaPatch = World.sample(admin, "private", "available", null, wgs);
        List<String> viaBulk = List.of(World.sample(admin, "private", "available", null, wgs),
                World.sample(admin, "private", "available", null, wgs));
        String change = "\"project\": \"" + project + "\", \"tags\": [\"" + soil + "\", \"" + wgs + "\"]";
        post("{\"ids\": [\"" + String.join("\", \"", viaBulk) + "\"], " + change + "}", 200);
        Api.patch(Tokens.admin(admin), viaPatch, "{" + change + "}").statusCode(200);
        for (String id : viaBulk) {
            assertEquals(effects(viaPatch), effects(id), id);
        }
        assertEquals("2 project:->" + project + " " + soil + "," + wgs, effects(viaPatch));
    }

    /** What a change did to a sample: its version, its audit events, its tags in order. */
    private static String effects(String id) {
        return Db.value("SELECT s.version || ' '"
                + " || (SELECT string_agg(field || ':' || coalesce(old_value, '') || '->' || coalesce(new_value, ''),"
                + " ',' ORDER BY seq) FROM audit_events WHERE sample_id = s.id)"
                + " || ' ' || (SELECT string_agg(tag_id, ',' ORDER BY position) FROM sample_tags"
                + " WHERE sample_id = s.id)"
                + " FROM samples s WHERE s.id = ?", id);
    }

    @Test
    void aWhereSelectsAmongTheSamplesTheCallerMayRead() {
        String where = "{\"owner\": {\"$ref\": \"/api/v1/users/" + admin.id() + "\"}}";
        JsonPath answer = given().auth().oauth2(Tokens.admin(admin)).contentType(ContentType.JSON)
                .body("{\"where\": " + where + ", \"visibility\": \"shared\"}")
                .when().post("/api/v1/samples/bulk_update").then().statusCode(200).extract().jsonPath();
        assertEquals(2, answer.getInt("requested"), "the deleted sample is not readable");
        assertEquals(List.of("/api/v1/samples/" + samples.get("mine_private")), answer.getList("changed.'$ref'"));
        assertEquals("shared", visibility("mine_private"));
    }

    /** The dry run answers what the change then does, and writes nothing. */
    @Test
    void theDryRunAnswersWhatTheRealRunDoes() {
        Map<String, String> before = snapshots();
        JsonPath dry = given().auth().oauth2(Tokens.admin(admin)).contentType(ContentType.JSON)
                .queryParam("dry_run", "true").body(bodyFor(new ArrayList<>(samples.values()), "apply_allowed"))
                .when().post("/api/v1/samples/bulk_update").then().statusCode(200).extract().jsonPath();
        assertEquals(before, snapshots(), "the dry run wrote something");
        JsonPath real = bulk(Map.of("mode", "apply_allowed"), 200);
        assertTrue(dry.getBoolean("dry_run"));
        assertFalse(real.getBoolean("dry_run"));
        for (String key : List.of("status", "requested", "changed", "unchanged", "refused", "not_found", "code")) {
            assertEquals((Object) real.get(key), (Object) dry.get(key), key);
        }
    }

    @Test
    void badBulkChangesAreRefusedWithEveryProblemNamed() {
        String id = samples.get("mine_private");
        Map<String, String> before = snapshots();
        assertProblem("{\"visibility\": \"shared\"}", "exactly one of 'ids' and 'where'");
        assertProblem("{\"ids\": [\"" + id + "\"], \"where\": {}, \"visibility\": \"shared\"}",
                "exactly one of 'ids' and 'where'");
        assertProblem("{\"ids\": [\"" + id + "\"]}", "at least one of 'visibility', 'project' and 'tags'");
        assertProblem("{\"ids\": [\"" + id + "\"], \"visibility\": \"shared\", \"mode\": \"some\"}",
                "'mode' must be 'all_or_nothing' or 'apply_allowed'");
        assertProblem("{\"ids\": [\"" + id + "\"], \"visibility\": \"shared\", \"status\": \"deleted\"}",
                "'status' is read-only");
        String tooMany = java.util.stream.IntStream.rangeClosed(1, BulkUpdate.MAX_SAMPLES + 1)
                .mapToObj(i -> "\"" + String.format("%016x", i) + "\"").collect(Collectors.joining(","));
        assertProblem("{\"ids\": [" + tooMany + "], \"visibility\": \"shared\"}",
                "at most 10000 samples, got 10001");
        assertEquals(before, snapshots());
    }

    /** A where that matches more than 10,000 samples is refused, and changes none of them. */
    @Test
    void aWhereOverTheLimitIsRefused() {
        User prolific = World.user(World.openOrg());
        Db.exec("INSERT INTO samples (id, owner_id, status, visibility, created_at, updated_at)"
                + " SELECT substr(md5(? || n), 1, 16), ?, 'available', 'private', now(), now()"
                + " FROM generate_series(0, ?) AS n", prolific.id(), prolific.id(), BulkUpdate.MAX_SAMPLES);
        String answer = given().auth().oauth2(Tokens.of(prolific)).contentType(ContentType.JSON)
                .body("{\"where\": {\"owner\": {\"$ref\": \"/api/v1/users/" + prolific.id() + "\"}},"
                        + " \"visibility\": \"shared\"}")
                .when().post("/api/v1/samples/bulk_update").then().statusCode(400).extract().asString();
        assertTrue(answer.contains("'where' matches more than 10000 samples"), answer);
        assertEquals(0, Db.count("SELECT count(*) FROM samples WHERE owner_id = ? AND visibility <> 'private'",
                prolific.id()));
    }

    /** The bulk route takes 10,000 references (above PATCH's 64 KiB); a body above its own limit is a JSON 413. */
    @Test
    void aBulkBodyHasALimitOfItsOwn() {
        String refs = java.util.stream.IntStream.rangeClosed(1, BulkUpdate.MAX_SAMPLES)
                .mapToObj(i -> "{\"$ref\": \"/api/v1/samples/" + String.format("%016x", i) + "\"}")
                .collect(Collectors.joining(","));
        String tenThousand = "{\"ids\": [" + refs + "], \"visibility\": \"shared\"}";
        assertTrue(tenThousand.length() > 400_000, "the body is " + tenThousand.length() + " bytes");
        assertEquals(BulkUpdate.MAX_SAMPLES, post(tenThousand, 404).jsonPath().getInt("not_found"));
        String tooLarge = "{\"ids\": [" + refs + "," + refs + "," + refs + "], \"visibility\": \"shared\"}";
        assertEquals(413, postInvalid(tooLarge, 413).jsonPath().getInt("status"));
    }

    private void assertProblem(String body, String problem) {
        String answer = postInvalid(body, 400).asString();
        assertTrue(answer.contains(problem), answer);
    }

    private JsonPath bulk(Map<String, String> options, int status) {
        return given().auth().oauth2(Tokens.admin(admin)).contentType(ContentType.JSON).header("X-Request-Id", "bulk-1")
                .body(bodyFor(new ArrayList<>(samples.values()), options.get("mode")))
                .when().post("/api/v1/samples/bulk_update").then().statusCode(status).extract().jsonPath();
    }

    private Response post(String body, int status) {
        return given().auth().oauth2(Tokens.admin(admin)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/samples/bulk_update").then().statusCode(status)
                .contentType(ContentType.JSON).extract().response();
    }

    /** A body the document does not allow, sent on purpose. */
    private Response postInvalid(String body, int status) {
        return given().header(invalidOnPurpose()).auth().oauth2(Tokens.admin(admin)).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/samples/bulk_update").then().statusCode(status)
                .contentType(ContentType.JSON).extract().response();
    }

    private static String bodyFor(List<String> ids) {
        return bodyFor(ids, "all_or_nothing");
    }

    private static String bodyFor(List<String> ids, String mode) {
        return "{\"ids\": [" + ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(", "))
                + "], \"visibility\": \"shared\", \"mode\": \"" + mode + "\"}";
    }

    private static Map<String, Double> denials() {
        Map<String, Double> denials = new java.util.HashMap<>();
        for (String reason : List.of("account_policy_violation", "not_sample_owner", "not_found")) {
            denials.put(reason, Metrics.denials(reason));
        }
        return denials;
    }

    private String visibility(String name) {
        return Db.value("SELECT visibility FROM samples WHERE id = ?", samples.get(name));
    }

    private Map<String, String> snapshots() {
        Map<String, String> snapshots = new LinkedHashMap<>();
        samples.forEach((name, id) -> snapshots.put(name, Db.sampleSnapshot(id)));
        return snapshots;
    }
}
