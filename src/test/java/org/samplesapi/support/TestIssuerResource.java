package org.samplesapi.support;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The WireMock OIDC issuer of quarkus-test-oidc-server (discovery + JWKS for the key {@link Tokens} signs with),
 * wired to the service by configuration, so the same resource serves {@code @QuarkusTest}s and the packaged
 * application of the {@code *IT}s.
 */
public class TestIssuerResource extends OidcWiremockTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>(super.start());
        properties.put("quarkus.oidc.auth-server-url", properties.get("keycloak.url") + "/realms/quarkus/");
        return properties;
    }
}
