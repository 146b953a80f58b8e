package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Api;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Two bulk changes over overlapping sets, sent in opposite orders, race each other, single PATCHes of the same samples
 * and a tightening of their organization's policy. None may deadlock (PostgreSQL would abort one: a 503), no sample
 * may end above the tightened cap, and no update may be lost: every sample's versions and visibility audit events
 * account for each other, one version per change.
 */
@QuarkusTest
class BulkRaceHttpTest {

    private static final int SAMPLES = 40;

    @Test
    void bulkChangesSinglePatchesAndATighteningNeitherDeadlockNorLoseAnUpdate() throws Exception {
        Org org = World.openOrg();
        User admin = World.user(org);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            ids.add(World.sample(admin, "private"));
        }
        Collections.sort(ids);
        String token = Tokens.admin(admin);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<Response>> answers = new ArrayList<>();
                List<String> upwards = ids.subList(0, 30);
                List<String> downwards = new ArrayList<>(ids.subList(10, SAMPLES));
                Collections.reverse(downwards);
                answers.add(pool.submit(bulk(token, upwards, round % 2 == 0 ? "public" : "shared")));
                answers.add(pool.submit(bulk(token, downwards, round % 2 == 0 ? "shared" : "public")));
                for (int i = 5; i < 35; i += 3) {
                    String id = ids.get(i);
                    String visibility = i % 2 == 0 ? "public" : "private";
                    answers.add(pool.submit(() -> Api.patch(token, id, "{\"visibility\": \"" + visibility + "\"}")
                            .extract().response()));
                }
                if (round == 1) {
                    answers.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                            .body("{\"max_visibility\": \"shared\"}").patch("/api/v1/organizations/{id}", org.id())));
                }
                for (Future<Response> answer : answers) {
                    Response response = answer.get(60, TimeUnit.SECONDS);
                    assertTrue(response.statusCode() == 200 || response.statusCode() == 403,
                            response.statusCode() + " " + response.asString());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, Db.count("SELECT count(*) FROM samples WHERE owner_id = ? AND visibility = 'public'",
                admin.id()), "a sample is above the tightened cap");
        for (String id : ids) {
            Api.assertVisibilityAuditChain(id, "private");
            long changes = Db.count("SELECT count(*) FROM audit_events WHERE sample_id = ?", id);
            assertEquals(1 + changes, Long.parseLong(Db.value("SELECT version FROM samples WHERE id = ?", id)),
                    "versions and audit events of " + id + " disagree");
        }
    }

    private static Callable<Response> bulk(String token, List<String> ids, String visibility) {
        String body = "{\"ids\": [" + ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(", "))
                + "], \"visibility\": \"" + visibility + "\", \"mode\": \"apply_allowed\"}";
        return () -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/samples/bulk_update");
    }
}
