package org.samplesapi.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Leaks;
import org.samplesapi.support.Raw;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;

/**
 * The issuer starts signing with a new key (a new {@code kid} in its JWKS): the running service accepts tokens signed
 * with it without a restart, within the forced JWKS refresh interval, and still accepts the old key's tokens.
 */
@QuarkusTest
class KeyRotationHttpTest {

    private static final String JWKS_PATH = "/auth/realms/quarkus/protocol/openid-connect/certs";

    @OidcWireMock
    WireMockServer issuer;

    private final User owner = World.user(World.openOrg());
    private final String id = World.sample(owner, "private");

    @Test
    void aNewSigningKeyAtTheIssuerIsPickedUpWithoutARestart() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rotated = generator.generateKeyPair();
        String kid = "rotated-" + World.newId();
        String newKeyToken = Tokens.claims(owner).jws().keyId(kid).sign(rotated.getPrivate());

        // Before the issuer publishes it, the key is unknown: 401 (and the service has just refetched the JWKS).
        Leaks.error(read(newKeyToken), 401);

        StubMapping published = issuer.stubFor(get(urlEqualTo(JWKS_PATH)).atPriority(1)
                .willReturn(okJson(jwksWith(kid, rotated))));
        try {
            // The refetch that found nothing may not be repeated sooner than the configured interval.
            Thread.sleep(ConfigProvider.getConfig()
                    .getValue("quarkus.oidc.token.forced-jwk-refresh-interval", Duration.class).toMillis() + 200);
            Raw.Answer answer = read(newKeyToken);
            assertEquals(200, answer.status(), answer.body());
            assertEquals(200, read(Tokens.of(owner)).status(), "the old key still signs valid tokens");
        } finally {
            issuer.removeStub(published);
        }
    }

    private Raw.Answer read(String token) {
        return Raw.send("GET", "/api/v1/samples/" + id, token, null, null, Map.of());
    }

    /** The JWKS the issuer serves now, plus the public half of the new key. */
    private String jwksWith(String kid, KeyPair key) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String current = Raw.sendTo(issuer.baseUrl() + JWKS_PATH);
        ObjectNode jwks = (ObjectNode) json.readTree(current);
        RsaJsonWebKey jwk = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) key.getPublic());
        jwk.setKeyId(kid);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        ((ArrayNode) jwks.get("keys")).add(json.readTree(jwk.toJson(OutputControlLevel.PUBLIC_ONLY)));
        return json.writeValueAsString(jwks);
    }
}
