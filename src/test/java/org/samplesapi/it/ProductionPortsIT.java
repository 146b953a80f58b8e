package org.samplesapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Backends;
import org.samplesapi.support.PackagedApp;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;

/**
 * The packaged application, as shipped, serves the API and its OpenAPI document on the API port, and health and
 * metrics only on the management port; Swagger UI only where SAMPLES_SWAGGER_UI_ENABLED turns it on.
 */
class ProductionPortsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> MANAGEMENT_PATHS = List.of("/q/health/live", "/q/health/ready",
            "/q/health/started", "/q/metrics");

    private static Backends backends;

    @BeforeAll
    static void start() throws Exception {
        backends = Backends.start();
        PackagedApp.migrate(backends.settings(), Files.createTempFile("samples-ports-migrate", ".log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (backends != null) {
            backends.close();
        }
    }

    @Test
    void asShippedTheApiPortServesTheApiAndItsDocumentAndTheManagementPortHealthAndMetrics() throws Exception {
        try (PackagedApp.Running service = PackagedApp.startReady(backends.settings(),
                Files.createTempFile("samples-ports", ".log"))) {
            PackagedApp.Endpoints endpoints = service.endpoints();
            String token = token();
            assertEquals(200, status(endpoints.api() + "/api/v1/account", token));
            assertEquals(200, status(endpoints.api() + "/q/openapi", null));
            assertEquals(404, status(endpoints.api() + "/q/swagger-ui/", null), "Swagger UI is on in production");
            for (String path : MANAGEMENT_PATHS) {
                assertEquals(200, status(endpoints.management() + path, null), path);
                assertEquals(404, status(endpoints.api() + path, null), path + " on the API port");
            }
            for (String path : List.of("/api/v1/account", "/q/openapi", "/q/swagger-ui/")) {
                assertEquals(404, status(endpoints.management() + path, token), path + " on the management port");
            }
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.management() + "/q/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("http_server_requests_seconds_count{"), metrics);
        }
    }

    @Test
    void swaggerUiIsServedWhereTurnedOn() throws Exception {
        Map<String, String> withSwaggerUi = backends.settings();
        withSwaggerUi.put("SAMPLES_SWAGGER_UI_ENABLED", "true");
        try (PackagedApp.Running service = PackagedApp.startReady(withSwaggerUi,
                Files.createTempFile("samples-ports-swagger", ".log"))) {
            assertEquals(200, status(service.endpoints().api() + "/q/swagger-ui/", null));
            assertEquals(404, status(service.endpoints().management() + "/q/swagger-ui/", null));
        }
    }

    private static String token() {
        return Tokens.of(new World.User(World.newId(), "sub-ports-" + World.newId(), "ports@example.org", null));
    }

    private static int status(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
