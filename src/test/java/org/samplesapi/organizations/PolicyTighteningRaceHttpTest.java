package org.samplesapi.organizations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
 * Sixteen clients keep making samples public, one after the other, while their organization's admin (or their
 * owner, for the account, or the owner joining an organization) tightens the policy to private through the API.
 * readable above private, every PATCH was answered 200 or refused by the new policy (PATCHes and tightenings take
 * the policy and sample rows in one order, so no deadlock makes a 503), and each sample's audit trail explains its
 * stored value: every raise came before the tightening's lowerings, and each lowering names the policy change.
 */
@QuarkusTest
class PolicyTighteningRaceHttpTest {

    private static final int CLIENTS = 16;
    private static final int SAMPLES_PER_CLIENT = 40;
    private static final int ALREADY_PUBLIC = 3000;

    @Test
    void anOrganizationsTighteningBindsSamplesBeingSharedMeanwhile() throws Exception {
        Org org = World.openOrg();
        User admin = World.user(org);
        User member = World.user(org);
        // Many already-public samples of a colleague: the tightening has real work to do while the clients run.
        User colleague = World.user(org);
        List<String> racing = samples(member, CLIENTS * SAMPLES_PER_CLIENT, "shared");
        samples(colleague, ALREADY_PUBLIC, "public");
        Map<String, Integer> outcomes = race(member, racing, () -> given().auth().oauth2(Tokens.admin(admin))
                .contentType(ContentType.JSON).body("{\"max_visibility\": \"private\"}")
                .patch("/api/v1/organizations/{id}", org.id()));
        assertEquals(Set.of("200", "403 org_policy_violation"), outcomes.keySet(), outcomes.toString());
        assertEquals(0, Db.count("SELECT count(*) FROM samples s JOIN users u ON u.id = s.owner_id"
                + " WHERE u.organization_id = ? AND s.visibility <> 'private'", org.id()), "stored above the cap");
        String policyEvent = Db.value("SELECT id FROM policy_events WHERE organization_id = ?", org.id());
        assertExplained(member, racing, policyEvent, admin);
        assertEquals(ALREADY_PUBLIC, Db.count("SELECT count(*) FROM audit_events a JOIN samples s"
                + " ON s.id = a.sample_id WHERE s.owner_id = ? AND a.policy_event_id = ?", colleague.id(), policyEvent));
    }

    @Test
    void anAccountsTighteningBindsSamplesBeingSharedMeanwhile() throws Exception {
        User member = World.user(World.openOrg());
        List<String> racing = samples(member, CLIENTS * SAMPLES_PER_CLIENT, "shared");
        samples(member, ALREADY_PUBLIC, "public");
        Map<String, Integer> outcomes = race(member, racing, () -> given().auth().oauth2(Tokens.of(member))
                .contentType(ContentType.JSON).body("{\"max_visibility\": \"private\"}").patch("/api/v1/account"));
        assertEquals(Set.of("200", "403 account_policy_violation"), outcomes.keySet(), outcomes.toString());
        assertEquals(0, Db.count("SELECT count(*) FROM samples WHERE owner_id = ? AND visibility <> 'private'",
                member.id()), "stored above the cap");
        assertExplained(member, racing, Db.value("SELECT id FROM policy_events WHERE account_id = ?", member.id()),
                member);
        assertEquals(CLIENTS * SAMPLES_PER_CLIENT + ALREADY_PUBLIC,
                Db.count("SELECT count(*) FROM samples WHERE owner_id = ?", member.id()));
    }

    /** Joining an organization lowers like a tightening, so it must bind the samples being shared meanwhile too. */
    @Test
    void joiningAnOrganizationBindsSamplesBeingSharedMeanwhile() throws Exception {
        joinRace(World.org("private", true).externalId(), "private");
    }

    /**
     * The join itself creates an organization nobody named before, with the newcomer policy (at most shared): the
     * PATCHes that waited for the join must see that organization too, though it is newer than their statement.
     */
    @Test
    void joiningANewOrganizationBindsSamplesBeingSharedMeanwhile() throws Exception {
        joinRace("org-" + World.newId(), "shared");
    }

    private static void joinRace(String organization, String cap) throws Exception {
        User loner = World.user(null);
        List<String> racing = samples(loner, CLIENTS * SAMPLES_PER_CLIENT, "shared");
        samples(loner, ALREADY_PUBLIC, "public");
        String joining = Tokens.sign(Tokens.claims(loner).claim("org_id", organization));
        Map<String, Integer> outcomes = race(loner, racing, () -> given().auth().oauth2(joining)
                .get("/api/v1/account"));
        assertEquals(Set.of("200", "403 org_policy_violation"), outcomes.keySet(), outcomes.toString());
        assertEquals(0, Db.count("SELECT count(*) FROM samples WHERE owner_id = ? AND visibility = ANY"
                + " (string_to_array(?, ','))", loner.id(), "private".equals(cap) ? "shared,public" : "public"),
                "stored above the cap");
        // The join is a policy event too, the cause of what it lowered.
        assertExplained(loner, racing, Db.value("SELECT id FROM policy_events WHERE account_id = ?"
                + " AND field = 'organization'", loner.id()), loner);
        assertEquals(ALREADY_PUBLIC, Db.count("SELECT count(*) FROM audit_events a JOIN samples s ON s.id = a.sample_id"
                + " WHERE s.owner_id = ? AND a.old_value = 'public' AND a.new_value = ? AND a.actor_id = ?",
                loner.id(), cap, loner.id()) - Db.count("SELECT count(*) FROM audit_events WHERE sample_id = ANY"
                + " (string_to_array(?, ',')) AND old_value = 'public' AND new_value = ?", String.join(",", racing),
                cap));
    }

    private static List<String> samples(User owner, int count, String visibility) {
        return Db.column("INSERT INTO samples (id, owner_id, status, visibility)"
                + " SELECT substr(md5(random()::text || g), 1, 16), ?, 'available', ?"
                + " FROM generate_series(1, ?) g RETURNING id", owner.id(), visibility, count);
    }

    /**
     * Each client makes its own share of the samples (all shared) public one after the other, so that some are being
     * raised while the tightening runs, which lowers them too: those must wait for it and be refused, neither commit
     * under the policy it replaces nor deadlock with it (a PATCH that held the sample row while it waited for the
     * policy row, as the tightening holds the policy row while it waits for the samples, would). The
     * tightening starts once a fifth of them are public; a client that has sent three fifths of its share waits for
     * the tightening's answer before it sends the rest, so that some PATCHes surely come after it, however fast the
     * others went. Answers how often each outcome ("200", or the status and code) came back.
     */
    private static Map<String, Integer> race(User member, List<String> samples, Supplier<Response> tighten)
            throws Exception {
        String token = Tokens.of(member);
        Api.get(token, samples.get(0)).statusCode(200); // first sight provisions the member before the race
        CountDownLatch answered = new CountDownLatch(1);
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                List<String> mine = samples.subList(c * SAMPLES_PER_CLIENT, (c + 1) * SAMPLES_PER_CLIENT);
                clients.add(pool.submit(() -> {
                    for (int i = 0; i < mine.size(); i++) {
                        if (i == mine.size() * 3 / 5) {
                            assertTrue(answered.await(60, TimeUnit.SECONDS), "the tightening did not answer");
                        }
                        Response response = given().auth().oauth2(token).contentType(ContentType.JSON)
                                .body("{\"visibility\": \"public\"}").patch("/api/v1/samples/{id}", mine.get(i));
                        String code = response.statusCode() == 200 ? "" : " " + response.jsonPath().getString("code");
                        outcomes.merge(response.statusCode() + code, 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 1000 && publicCount(samples) < samples.size() / 5; i++) {
                Thread.sleep(10);
            }
            Response tightening;
            try {
                tightening = tighten.get();
            } finally {
                answered.countDown();
            }
            assertEquals(200, tightening.statusCode(), tightening.asString());
            for (Future<?> client : clients) {
                client.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(outcomes.getOrDefault("200", 0) >= samples.size() / 5, "the race did not happen: " + outcomes);
        return outcomes;
    }

    private static long publicCount(List<String> samples) {
        return Db.count("SELECT count(*) FROM samples WHERE id = ANY (string_to_array(?, ',')) AND visibility ="
                + " 'public'", String.join(",", samples));
    }

    /**
     * No reader sees the samples; each one's audit trail runs from shared to what is stored; no raise came after the
     * first lowering; and every lowering is the actor's, caused by the policy event (a policy change, or the join).
     */
    private static void assertExplained(User member, List<String> samples, String policyEvent, User actor) {
        String stranger = Tokens.of(World.user(World.openOrg()));
        for (int i = 0; i < samples.size(); i++) {
            if (i % 4 == 0) { // the stored values are checked for all; reading some proves the routes agree
                Api.get(stranger, samples.get(i)).statusCode(404);
            }
            Api.assertVisibilityAuditChain(samples.get(i), "shared");
        }
        List<String> listed = given().auth().oauth2(stranger).queryParam("per_page", 1000)
                .queryParam("where", "{\"owner\": {\"$ref\": \"/api/v1/users/" + member.id() + "\"}}")
                .get("/api/v1/samples/public").then().statusCode(200).extract().path("$uri");
        assertEquals(List.of(), listed);
        long firstLowering = Db.count("SELECT coalesce(min(seq), 0) FROM audit_events WHERE policy_event_id = ?",
                policyEvent);
        assertTrue(firstLowering > 0, "the tightening lowered nothing");
        assertEquals(List.of(), Db.column("SELECT a.sample_id || ' ' || a.new_value FROM audit_events a"
                + " JOIN samples s ON s.id = a.sample_id WHERE s.owner_id = ? AND a.new_value = 'public'"
                + " AND a.seq > ?", member.id(), firstLowering), "raised after the tightening began");
        assertEquals(List.of(), Db.column("SELECT a.id FROM audit_events a WHERE a.policy_event_id = ?"
                + " AND a.actor_id <> ?", policyEvent, actor.id()));
    }
}
