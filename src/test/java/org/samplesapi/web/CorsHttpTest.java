package org.samplesapi.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The README's CORS recipe (the test profile turns CORS on for one origin): a browser on that origin may send the
 * headers the API reads and read the headers it answers with; another origin gets no CORS grant.
 */
@QuarkusTest
class CorsHttpTest {

    private static final String ORIGIN = "https://app.example.test";

    private static Set<String> listed(Response response, String header) {
        String value = response.header(header);
        return value == null ? Set.of() : Arrays.stream(value.split(",")).map(String::trim).map(String::toLowerCase)
                .collect(Collectors.toSet());
    }

    @Test
    void aPreflightForAConditionalPatchIsGranted() {
        Response preflight = given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match,idempotency-key")
                .options("/api/v1/samples/{id}", "a1b2c3d4e5f67890");
        assertEquals(200, preflight.statusCode(), preflight.asString());
        assertEquals(ORIGIN, preflight.header("Access-Control-Allow-Origin"));
        assertTrue(listed(preflight, "Access-Control-Allow-Methods").contains("patch"), preflight.headers().toString());
        assertTrue(listed(preflight, "Access-Control-Allow-Headers").containsAll(
                List.of("authorization", "content-type", "if-match", "idempotency-key")), preflight.headers().toString());
    }

    @Test
    void aBrowserMayReadThePagingAndVersionHeaders() {
        String token = Tokens.of(World.user(World.openOrg()));
        Response list = given().auth().oauth2(token).header("Origin", ORIGIN).get("/api/v1/samples");
        assertEquals(200, list.statusCode());
        assertEquals(ORIGIN, list.header("Access-Control-Allow-Origin"));
        assertTrue(listed(list, "Access-Control-Expose-Headers").containsAll(List.of("etag", "link", "x-total-count",
                "x-next-cursor", "retry-after", "x-request-id")), list.headers().toString());
    }

    @Test
    void anotherOriginGetsNoGrant() {
        Response list = given().auth().oauth2(Tokens.of(World.user(World.openOrg())))
                .header("Origin", "https://elsewhere.example").get("/api/v1/samples");
        assertNull(list.header("Access-Control-Allow-Origin"));
    }
}
