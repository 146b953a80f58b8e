package org.samplesapi.ratelimit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * Per-caller rate limits, with small allowances so that they run out within a test (the other tests run without
 * limits): a caller over their reads or writes gets a 429 with Retry-After and the RateLimit headers, changes
 * nothing, does not affect other callers or their own other kind, and is served again once the allowance refilled.
 * The limits run on a clock the test moves, so a slow machine neither refills an allowance nor forgets a caller.
 */
@QuarkusTest
@TestProfile(RateLimitHttpTest.SmallAllowances.class)
class RateLimitHttpTest {

    public static class SmallAllowances implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("samples.rate-limit.enabled", "true", "samples.rate-limit.reads", "3",
                    "samples.rate-limit.writes", "2", "samples.rate-limit.window", "3S",
                    "samples.rate-limit.unauthenticated", "3");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ManualRateLimitClock.class);
        }
    }

    @Inject
    ManualRateLimitClock clock;

    private static Response read(User caller) {
        return read(Tokens.of(caller));
    }

    private static Response read(String token) {
        return given().auth().oauth2(token).get("/api/v1/account");
    }

    private static Response share(User caller, String sample, String visibility) {
        return given().auth().oauth2(Tokens.of(caller)).contentType(ContentType.JSON)
                .body("{\"visibility\": \"" + visibility + "\"}").patch("/api/v1/samples/{id}", sample);
    }

    @Test
    void readsRunOutWithA429AndComeBack() {
        User caller = World.user(World.openOrg());
        for (int remaining = 2; remaining >= 0; remaining--) {
            Response ok = read(caller);
            assertEquals(200, ok.statusCode(), ok.asString());
            assertEquals("\"reads\";q=3;w=3", ok.header("RateLimit-Policy"));
            assertTrue(ok.header("RateLimit").startsWith("\"reads\";r=" + remaining + ";t="), ok.header("RateLimit"));
        }
        Response limited = read(caller);
        assertEquals(429, limited.statusCode(), limited.asString());
        assertEquals("rate_limited", limited.jsonPath().getString("code"));
        assertEquals(429, limited.jsonPath().getInt("status"));
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        assertTrue(limited.header("RateLimit").startsWith("\"reads\";r=0;"), limited.header("RateLimit"));

        assertEquals(200, read(World.user(World.openOrg())).statusCode(), "another caller is not limited");
        clock.advance(Duration.ofSeconds(retryAfter).minusMillis(1));
        assertEquals(429, read(caller).statusCode(), "served before Retry-After");
        clock.advance(Duration.ofMillis(1));
        assertEquals(200, read(caller).statusCode(), "served again after Retry-After");
    }

    /**
     * Refusals for want of a valid token are counted per client address (here one of the test's own, so the other
     * tests keep theirs): once spent, the address gets a 429 with Retry-After, even with a valid token, until the
     * allowance comes back. Other addresses are not affected.
     */
    @Test
    void anAddressThatKeepsFailingAuthenticationIsLimited() throws Exception {
        RestAssuredConfig fromAddress = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.route.local-address", InetAddress.getByName("127.0.0.3")));
        User owner = World.user(World.openOrg());
        String sample = World.sample(owner, "private");
        String before = Db.sampleSnapshot(sample);
        String badToken = Tokens.signedByStranger(Tokens.claims(owner));
        assertEquals(401, given().config(fromAddress).get("/api/v1/account").statusCode());
        assertEquals(401, given().config(fromAddress).auth().oauth2(badToken).get("/api/v1/account").statusCode());
        assertEquals(401, given().config(fromAddress).contentType(ContentType.JSON)
                .body("{\"visibility\": \"public\"}").patch("/api/v1/samples/{id}", sample).statusCode());
        Response limited = given().config(fromAddress).auth().oauth2(badToken).get("/api/v1/account");
        assertEquals(429, limited.statusCode(), limited.asString());
        assertEquals("rate_limited", limited.jsonPath().getString("code"));
        assertEquals(429, limited.jsonPath().getInt("status"));
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        Response patch = given().config(fromAddress).auth().oauth2(Tokens.of(owner))
                .contentType(ContentType.JSON).body("{\"visibility\": \"public\"}")
                .patch("/api/v1/samples/{id}", sample);
        assertEquals(429, patch.statusCode(), "the address is limited whatever it sends");
        assertEquals(before, Db.sampleSnapshot(sample), "a limited request changed the sample");
        assertEquals(401, given().get("/api/v1/account").statusCode(), "another address is not limited");

        clock.advance(Duration.ofSeconds(retryAfter));
        assertEquals(401, given().config(fromAddress).get("/api/v1/account").statusCode(),
                "served again after Retry-After");
    }

    /** A user name is neither unique nor stable; the subject is. */
    @Test
    void callersAreToldApartByTheirSubjectNotTheirName() {
        String name = "pat-" + World.newId();
        User caller = World.user(World.openOrg());
        User namesake = World.user(World.openOrg());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, read(Tokens.named(caller, name)).statusCode());
        }
        assertEquals(429, read(Tokens.named(caller, name)).statusCode(), "never limited");
        assertEquals(200, read(Tokens.named(namesake, name)).statusCode(), "a namesake shared the caller's allowance");
    }

    @Test
    void writesRunOutApartFromReadsAndALimitedWriteChangesNothing() {
        User owner = World.user(World.openOrg());
        String sample = World.sample(owner, "private");
        assertEquals(200, share(owner, sample, "shared").statusCode());
        assertEquals(200, share(owner, sample, "private").statusCode());
        String before = Db.sampleSnapshot(sample);
        Response limited = share(owner, sample, "public");
        assertEquals(429, limited.statusCode(), limited.asString());
        assertEquals("\"writes\";q=2;w=3", limited.header("RateLimit-Policy"));
        assertEquals(before, Db.sampleSnapshot(sample), "a limited write changed the sample");
        assertEquals(200, read(owner).statusCode(), "reads have their own allowance");
    }
}
