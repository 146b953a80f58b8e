package org.samplesapi.devservices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;

import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The README's first step: dev mode's identity provider hands out, by {@code /token/<user>} and by the password
 * grant, RS256 tokens that verify against its published keys and carry the demo user's own claims (the service reads
 * sub, org_id, email and groups).
 */
class DevIdentityProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String issuer;
    private static JwtConsumer verifier;
    private static Properties users;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            free.close();
            issuer = DevIdentityProvider.issuer(free.getLocalPort());
        }
        JsonNode discovery = JSON.readTree(get(issuer + "/.well-known/openid-configuration").body());
        assertEquals(issuer, discovery.path("issuer").asText());
        verifier = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(discovery.path("jwks_uri").asText())))
                .setExpectedIssuer(issuer)
                .setExpectedAudience(DevIdentityProvider.AUDIENCE)
                .setRequireExpirationTime()
                .setRequireSubject()
                .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
                .build();
        users = new Properties();
        try (InputStream in = DevIdentityProviderTest.class.getResourceAsStream("/dev/demo-users.properties")) {
            users.load(in);
        }
    }

    @Test
    void tokenPathGivesEachDemoUserAVerifiableTokenWithTheirClaims() throws Exception {
        for (String user : List.of("alice", "carol", "frank")) {
            HttpResponse<String> answer = get("http://localhost:" + port() + "/token/" + user);
            assertEquals(200, answer.statusCode(), answer.body());
            assertClaimsOf(user, verifier.processToClaims(answer.body().trim()));
        }
    }

    @Test
    void passwordGrantGivesTheSameKindOfToken() throws Exception {
        HttpResponse<String> answer = post(issuer + "/protocol/openid-connect/token",
                "grant_type=password&username=erin&password=anything&client_id=samples-api");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode body = JSON.readTree(answer.body());
        assertEquals("Bearer", body.path("token_type").asText());
        assertTrue(body.path("expires_in").asLong() > 0);
        assertClaimsOf("erin", verifier.processToClaims(body.path("access_token").asText()));
    }

    @Test
    void unknownUsersAndOtherGrantsGetNoToken() throws Exception {
        HttpResponse<String> unknown = get("http://localhost:" + port() + "/token/mallory");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("alice"), "names the users there are: " + unknown.body());
        HttpResponse<String> unknownGrant = post(issuer + "/protocol/openid-connect/token",
                "grant_type=password&username=mallory&password=x");
        assertEquals(400, unknownGrant.statusCode());
        assertEquals("invalid_grant", JSON.readTree(unknownGrant.body()).path("error").asText());
        HttpResponse<String> otherGrant = post(issuer + "/protocol/openid-connect/token",
                "grant_type=client_credentials&client_id=alice");
        assertEquals(400, otherGrant.statusCode());
    }

    private static void assertClaimsOf(String user, JwtClaims claims) throws Exception {
        assertEquals(user, claims.getSubject());
        assertEquals(users.getProperty(user + ".email"), claims.getStringClaimValue("email"));
        assertEquals(users.getProperty(user + ".org"), claims.getStringClaimValue("org_id"));
        assertEquals(List.of(users.getProperty(user + ".roles").split(",")), claims.getStringListClaimValue("groups"));
    }

    private static int port() {
        return URI.create(issuer).getPort();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String form) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
