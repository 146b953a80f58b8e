package org.samplesapi.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Api;
import org.samplesapi.support.Db;
import org.samplesapi.support.Management;
import org.samplesapi.support.Metrics;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What operators rely on: Prometheus metrics with latency per endpoint and denials by reason, request ids, and health
 * and metrics on a port of their own.
 */
@QuarkusTest
class OperationsHttpTest {

    private final User member = World.user(World.org("private", true));
    private final String id = World.sample(member, "private");

    @Test
    void metricsShowLatencyPerEndpointTemplateAndDenialsByReason() {
        double before = Metrics.denials("org_policy_violation");
        Api.refusedWithoutChange(id, () -> Api.patch(Tokens.of(member), id, "{\"visibility\": \"public\"}"))
                .statusCode(403);
        Api.get(Tokens.of(member), id).statusCode(200);
        String metrics = Metrics.scrape();
        assertEquals(before + 1, Metrics.denials("org_policy_violation"), 0.0001);
        assertTrue(metrics.contains("http_server_requests_seconds_count{")
                && metrics.contains("uri=\"/api/v1/samples/{id}\""), "no per-endpoint latency for the sample routes");
    }

    /**
     * /q/metrics answers anyone who reaches the management port: a hidden object and a missing one must count alike, or
     * the counters tell which ids exist.
     */
    @Test
    void aHiddenObjectAndAMissingOneCountAlike() {
        User stranger = World.user(World.openOrg());
        String hidden = Db.value("SELECT id FROM metadata WHERE sample_id = ?", id);
        double notFound = Metrics.denials("not_found");
        given().auth().oauth2(Tokens.of(stranger)).get("/api/v1/metadata/{id}", hidden).then().statusCode(404);
        assertEquals(notFound + 1, Metrics.denials("not_found"), 0.0001);
        given().auth().oauth2(Tokens.of(stranger)).get("/api/v1/metadata/{id}", World.newId()).then().statusCode(404);
        assertEquals(notFound + 2, Metrics.denials("not_found"), 0.0001);
        Api.get(Tokens.of(stranger), id).statusCode(404);
        assertEquals(notFound + 3, Metrics.denials("not_found"), 0.0001);
        assertFalse(Metrics.scrape().matches("(?s).*reason=\"[a-z_]+_not_found\".*"),
                "a not-found counted by what was hidden");
    }

    @Test
    void everyAnswerCarriesARequestIdAndAGatewaysIdIsKept() {
        given().header("X-Request-Id", "gw-1234.abc").when().get("/q/openapi")
                .then().header("X-Request-Id", "gw-1234.abc");
        String made = given().header("X-Request-Id", "bad id\twith spaces").when().get("/api/v1/samples/x")
                .then().statusCode(401).extract().header("X-Request-Id");
        assertNotEquals("bad id\twith spaces", made);
        assertTrue(made.matches("[0-9a-f-]{36}"), made);
    }

    /**
     * The API port serves the API, its OpenAPI document and (in tests, as where it is turned on) Swagger UI; health and
     * metrics only on the management port, which serves nothing else.
     */
    @Test
    void healthAndMetricsAreOnlyOnTheManagementPort() {
        for (String path : List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started",
                "/q/metrics")) {
            Management.given().when().get(path).then().statusCode(200);
            given().when().get(path).then().statusCode(404);
        }
        given().when().get("/q/openapi").then().statusCode(200);
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        Api.get(Tokens.of(member), id).statusCode(200);
        for (String path : List.of("/q/openapi", "/q/swagger-ui/", "/api/v1/samples/" + id)) {
            Management.given().auth().oauth2(Tokens.of(member)).when().get(path).then().statusCode(404);
        }
    }

    @Test
    void readinessIncludesTheDatabase() {
        Management.given().when().get("/q/health/ready").then().statusCode(200).body(containsString("PostgreSQL"));
    }
}
