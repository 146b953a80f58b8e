package org.samplesapi.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samplesapi.support.Api.refusedWithoutChange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Only tokens the configured issuer signed, for our audience, unexpired, get in. Everything else is 401 with
 * {@code WWW-Authenticate: Bearer} and a JSON body, and writes nothing.
 */
@QuarkusTest
class AuthenticationHttpTest {

    private final User owner = World.user(World.openOrg());
    private final String id = World.sample(owner, "public");

    private static Map<String, Function<User, String>> badTokens() {
        return Map.ofEntries(
                Map.entry("expired", Tokens::expired),
                Map.entry("another issuer", u -> Tokens.sign(Tokens.claims(u).issuer("https://evil.example.com"))),
                Map.entry("another audience", u -> Tokens.sign(Tokens.claims(u).audience("someone-else"))),
                Map.entry("bad signature", u -> Tokens.signedByStranger(Tokens.claims(u))),
                Map.entry("tampered payload", u -> tamper(Tokens.of(u))),
                Map.entry("not a JWT", u -> "definitely-not-a-token"),
                Map.entry("alg none", u -> unsigned(Tokens.of(u))),
                Map.entry("HS256 keyed with the issuer's public key", AuthenticationHttpTest::keyConfusion),
                Map.entry("not yet valid", u -> Tokens.sign(Tokens.claims(u)
                        .claim("nbf", Instant.now().plusSeconds(3600).getEpochSecond()))),
                Map.entry("unknown key id", AuthenticationHttpTest::unknownKeyId),
                Map.entry("no subject", u -> Tokens.sign(Jwt.issuer(Tokens.ISSUER)
                        .audience(Tokens.AUDIENCE).claim("email", u.email()).expiresIn(300))));
    }

    /** Signed with the issuer's real key, but naming a key id its JWKS does not have. */
    private static String unknownKeyId(User user) {
        try {
            PrivateKey key = (PrivateKey) KeyUtils.readSigningKey(
                    Tokens.SIGNING_KEY,
                    Tokens.KEY_ID, SignatureAlgorithm.RS256);
            return Tokens.claims(user).jws().keyId("no-such-key").sign(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same claims with {@code "alg": "none"} and no signature. */
    private static String unsigned(String token) {
        String[] parts = token.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        return header + "." + parts[1] + ".";
    }

    /** Algorithm confusion: HMAC-SHA256 with the issuer's public RSA key (as published) for a secret. */
    private static String keyConfusion(User user) {
        try (InputStream in = AuthenticationHttpTest.class.getResourceAsStream("/publicKey.jwk")) {
            byte[] publicKey = in.readAllBytes();
            return Tokens.claims(user).jws().algorithm(SignatureAlgorithm.HS256)
                    .keyId(Tokens.KEY_ID).sign(new SecretKeySpec(publicKey, "HmacSHA256"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void badTokensAre401WithJsonAndChallenge() {
        badTokens().forEach((name, token) -> {
            refusedWithoutChange(id, () -> given().auth().oauth2(token.apply(owner))
                    .when().get("/api/v1/samples/{id}", id).then())
                    .statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401))
                    .body("message", notNullValue());
            refusedWithoutChange(id, () -> given().auth().oauth2(token.apply(owner))
                    .contentType(ContentType.JSON).body("{\"visibility\": \"private\"}")
                    .when().patch("/api/v1/samples/{id}", id).then())
                    .statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401));
        });
    }

    @Test
    void missingTokenIs401() {
        refusedWithoutChange(id, () -> given().contentType(ContentType.JSON).body("{\"visibility\": \"private\"}")
                .when().patch("/api/v1/samples/{id}", id).then())
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
        given().when().get("/api/v1/samples/{id}", id).then().statusCode(401).contentType(ContentType.JSON);
    }

    @Test
    void aValidTokenGetsIn() {
        given().auth().oauth2(Tokens.of(owner)).get("/api/v1/samples/{id}", id).then().statusCode(200);
    }

    @Test
    void firstSightProvisionsTheUserAndOrganizationOnce() {
        String subject = "newcomer-" + World.newId();
        String orgClaim = "org-new-" + World.newId();
        String token = Tokens.sign(Tokens.claims(new User("unused", subject, subject + "@example.org", null))
                .claim("org_id", orgClaim));
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/v1/samples/{id}", id).then().statusCode(200);
        }
        assertEquals(1, Db.count("SELECT count(*) FROM users WHERE subject = ?", subject));
        assertEquals(subject + "@example.org", Db.value("SELECT email FROM users WHERE subject = ?", subject));
        assertEquals(orgClaim, Db.value("SELECT o.external_id FROM users u JOIN organizations o"
                + " ON o.id = u.organization_id WHERE u.subject = ?", subject));
    }

    /** An address the identity provider did not verify is not recorded: the user may have typed in anyone's. */
    @Test
    void anUnverifiedEmailIsNotRecorded() {
        for (Object verified : new Object[] {false, "true", null}) {
            String subject = "unverified-" + World.newId();
            var claims = Tokens.claims(new User("unused", subject, subject + "@example.org", null));
            if (verified == null) {
                claims.remove("email_verified");
            } else {
                claims.claim("email_verified", verified);
            }
            given().auth().oauth2(Tokens.sign(claims)).get("/api/v1/account").then().statusCode(200)
                    .body("email", org.hamcrest.Matchers.nullValue());
            assertEquals(1, Db.count("SELECT count(*) FROM users WHERE subject = ? AND email IS NULL", subject),
                    "email_verified " + verified);
        }
    }

    @Test
    void simultaneousFirstRequestsProvisionOneUserAndOneOrganization() throws Exception {
        String subject = "crowd-" + World.newId();
        String orgClaim = "org-crowd-" + World.newId();
        String sameUser = Tokens.sign(Tokens.claims(new User("unused", subject, subject + "@example.org", null))
                .claim("org_id", orgClaim));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // distinct identities miss the provisioning cache together; half of them are one user, all one new org
            String other = "crowd-" + World.newId();
            tokens.add(i % 2 == 0 ? sameUser : Tokens.sign(Tokens.claims(
                    new User("unused", other, other + "@example.org", null)).claim("org_id", orgClaim)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String token : tokens) {
                statuses.add(pool.submit(() -> given().auth().oauth2(token).get("/api/v1/samples/{id}", id)
                        .statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Db.count("SELECT count(*) FROM users WHERE subject = ?", subject));
        assertEquals(1, Db.count("SELECT count(*) FROM organizations WHERE external_id = ?", orgClaim));
        assertEquals(11, Db.count("SELECT count(*) FROM users u JOIN organizations o ON o.id = u.organization_id"
                + " WHERE o.external_id = ?", orgClaim));
    }

    /** Swaps the payload for one naming another subject, keeping the original signature. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"someone-else\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes())
                + "." + parts[2];
    }
}
