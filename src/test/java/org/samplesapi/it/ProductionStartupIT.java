package org.samplesapi.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.PackagedApp;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged application configured wrongly must not start, and must say which setting is wrong. Runs the jar
 * (or, when built with -Dnative, the native executable) as an operator would, with environment variables only.
 */
class ProductionStartupIT {

    @Test
    void missingSettingsAreAllNamed() throws Exception {
        Result result = run(Map.of());
        assertNotEquals(0, result.exitCode(), result.output());
        for (String name : List.of("SAMPLES_DB_URL", "SAMPLES_DB_USER", "SAMPLES_DB_PASSWORD", "SAMPLES_OIDC_ISSUER")) {
            assertTrue(result.output().contains(name), name + " not named in:\n" + result.output());
        }
    }

    @Test
    void anIssuerThatDoesNotAnswerStopsTheStart() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Result result = run(Map.of(
                    "SAMPLES_DB_URL", "postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "SAMPLES_DB_USER", "postgres",
                    "SAMPLES_DB_PASSWORD", "postgres",
                    "SAMPLES_OIDC_ISSUER", "http://127.0.0.1:" + PackagedApp.freePort() + "/realms/nowhere",
                    "SAMPLES_IDENTITY_ISSUER_CHECK_TIMEOUT", "2S",
                    "QUARKUS_HTTP_PORT", "0",
                    "QUARKUS_MANAGEMENT_PORT", "0"));
            assertNotEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("SAMPLES_OIDC_ISSUER"), result.output());
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(PackagedApp.command()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SAMPLES_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the application neither started nor stopped within 90 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
