package org.samplesapi.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The suite's shared resources, declared once so every {@code @QuarkusTest} runs against the same application start:
 * a real PostgreSQL and a WireMock OIDC issuer (discovery + JWKS) whose key {@link Tokens} signs with.
 */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestResources {

    private TestResources() {
    }
}
