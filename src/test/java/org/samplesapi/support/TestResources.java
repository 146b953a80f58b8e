package org.samplesapi.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The suite's shared resources, declared once so every {@code @QuarkusTest} runs against the same application start:
 * a real PostgreSQL and a WireMock OIDC issuer (discovery + JWKS) whose key {@link Tokens} signs with.
 */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestIssuerResource.class)
public final class TestResources {

    private TestResources() {
    }
}
