package org.samplesapi.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.restassured.RestAssured;

/**
 * Puts {@link OpenApiConformance} in front of every rest-assured request of every test class, so no test can forget
 * it: as a JUnit extension (auto-detected through META-INF/services, which quarkus-junit switches on) for the
 * integration tests and plain tests, and as a Quarkus callback for the {@code @QuarkusTest} classes, which run in the
 * application's class loader with a rest-assured of their own.
 */
public class OpenApiConformanceExtension implements BeforeAllCallback, QuarkusTestBeforeClassCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        register();
    }

    @Override
    public void beforeClass(Class<?> testClass) {
        register();
    }

    private static void register() {
        if (!RestAssured.filters().contains(OpenApiConformance.INSTANCE)) {
            RestAssured.filters(OpenApiConformance.INSTANCE);
        }
    }
}
