package org.samplesapi.organizations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * Sixteen clients keep PATCHing samples of one organization to public (and back) while its admin tightens it to
 * private through the API. Afterwards no sample of it is readable above private, every PATCH was answered 200, or
 * 403 by the new policy (or 503, retryable), and each sample's audit trail explains its stored value: every raise
 * above private happened before the tightening lowered it, and nothing was raised after.
 */
@QuarkusTest
class PolicyTighteningRaceHttpTest {

    private static final int CLIENTS = 16;
    private static final int SAMPLES_PER_CLIENT = 3;

    @Test
    void noSampleStaysOrBecomesReadableAboveTheNewCap() throws Exception {
        Org org = World.openOrg();
        User admin = World.user(org);
        User member = World.user(org);
        // Many already-public samples of a colleague: the tightening has real work to do while the clients run.
        User colleague = World.user(org);
        Db.exec("INSERT INTO samples (id, owner_id, status, visibility) SELECT substr(md5(random()::text || g), 1, 16),"
                + " ?, 'available', 'public' FROM generate_series(1, 3000) g", colleague.id());
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < CLIENTS * SAMPLES_PER_CLIENT; i++) {
            samples.add(World.sample(member, "private"));
        }
        String token = Tokens.of(member);
        Api.get(token, samples.get(0)).statusCode(200); // first sight provisions the member before the race

        AtomicBoolean stop = new AtomicBoolean();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                List<String> mine = samples.subList(c * SAMPLES_PER_CLIENT, (c + 1) * SAMPLES_PER_CLIENT);
                clients.add(pool.submit(() -> {
                    for (int round = 0; !stop.get(); round++) {
                        String visibility = round % 2 == 0 ? "public" : "private";
                        for (String id : mine) {
                            Response response = given().auth().oauth2(token).contentType(ContentType.JSON)
                                    .body("{\"visibility\": \"" + visibility + "\"}")
                                    .patch("/api/v1/samples/{id}", id);
                            String code = response.statusCode() == 200 ? ""
                                    : " " + response.jsonPath().getString("code");
                            outcomes.merge(visibility + " " + response.statusCode() + code, 1, Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            // Tighten once the clients have made samples public.
            for (int i = 0; i < 400 && Db.count("SELECT count(*) FROM samples WHERE owner_id = ? AND visibility ="
                    + " 'public'", member.id()) < CLIENTS; i++) {
                Thread.sleep(10);
            }
            Response tightening = given().auth().oauth2(Tokens.admin(admin)).contentType(ContentType.JSON)
                    .body("{\"max_visibility\": \"private\"}").patch("/api/v1/organizations/{id}", org.id());
            assertEquals(200, tightening.statusCode(), tightening.asString());
            Thread.sleep(300); // the clients go on under the new policy
            stop.set(true);
            for (Future<?> client : clients) {
                client.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Set<String> allowed = Set.of("public 200", "private 200", "public 403 org_policy_violation",
                "public 503 service_unavailable", "private 503 service_unavailable");
        assertTrue(allowed.containsAll(outcomes.keySet()), outcomes.toString());
        assertTrue(outcomes.getOrDefault("public 200", 0) >= CLIENTS, "the race did not happen: " + outcomes);
        assertTrue(outcomes.getOrDefault("public 403 org_policy_violation", 0) > 0, "no PATCH met the new policy: "
                + outcomes);

        assertEquals(0, Db.count("SELECT count(*) FROM samples s JOIN users u ON u.id = s.owner_id"
                + " WHERE u.organization_id = ? AND s.visibility <> 'private'", org.id()), "stored above the cap");
        String stranger = Tokens.of(World.user(World.openOrg()));
        String colleagueToken = Tokens.of(World.user(org));
        for (String id : samples) {
            Api.get(stranger, id).statusCode(404);
            Api.get(colleagueToken, id).statusCode(404);
            Api.assertVisibilityAuditChain(id, "private");
        }
        List<String> listed = given().auth().oauth2(stranger).queryParam("per_page", 1000)
                .queryParam("where", "{\"owner\": {\"$ref\": \"/api/v1/users/" + member.id() + "\"}}")
                .get("/api/v1/samples/public").then().statusCode(200).extract().path("$uri");
        assertEquals(List.of(), listed);

        // Every raise above private came before the tightening's lowerings; each lowering names the policy change.
        String policyEvent = Db.value("SELECT id FROM policy_events WHERE organization_id = ?", org.id());
        long firstLowering = Db.count("SELECT coalesce(min(seq), 0) FROM audit_events WHERE policy_event_id = ?",
                policyEvent);
        assertTrue(firstLowering > 0, "the tightening lowered nothing");
        assertEquals(List.of(), Db.column("SELECT a.sample_id || ' ' || a.new_value FROM audit_events a"
                + " JOIN samples s ON s.id = a.sample_id WHERE s.owner_id = ? AND a.new_value <> 'private'"
                + " AND a.seq > ?", member.id(), firstLowering), "raised after the tightening began");
        assertEquals(List.of(), Db.column("SELECT a.id FROM audit_events a WHERE a.policy_event_id = ?"
                + " AND a.actor_id <> ?", policyEvent, admin.id()));
        assertEquals(3000, Db.count("SELECT count(*) FROM audit_events a JOIN samples s ON s.id = a.sample_id"
                + " WHERE s.owner_id = ? AND a.policy_event_id = ?", colleague.id(), policyEvent));
    }
}
