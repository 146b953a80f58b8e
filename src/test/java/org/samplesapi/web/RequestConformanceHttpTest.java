package org.samplesapi.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samplesapi.support.OpenApiConformance.invalidOnPurpose;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The suite's request check itself: a request the OpenAPI document does not allow fails the test that sends it, and
 * is not sent; marked as invalid on purpose, it is sent and its answer is checked as any other.
 */
@QuarkusTest
class RequestConformanceHttpTest {

    private final User owner = World.user(World.openOrg());

    @Test
    void anUndocumentedQueryParameterFailsTheTestThatSendsIt() {
        AssertionError refused = assertThrows(AssertionError.class, () -> given().auth().oauth2(Tokens.of(owner))
                .queryParam("colour", "red").get("/api/v1/samples"));
        assertTrue(refused.getMessage().contains("query parameter colour is not documented"), refused.getMessage());
    }

    @Test
    void aBodyBreakingItsSchemaFailsTheTestAndIsNotSent() {
        String sample = World.sample(owner, "private");
        String before = Db.sampleSnapshot(sample);
        AssertionError refused = assertThrows(AssertionError.class, () -> given().auth().oauth2(Tokens.of(owner))
                .contentType(ContentType.JSON).body("{\"visibility\": 3}").patch("/api/v1/samples/{id}", sample));
        assertTrue(refused.getMessage().contains("body /visibility"), refused.getMessage());
        assertEquals(before, Db.sampleSnapshot(sample));

        given().header(invalidOnPurpose()).auth().oauth2(Tokens.of(owner)).contentType(ContentType.JSON)
                .body("{\"visibility\": 3}").patch("/api/v1/samples/{id}", sample).then().statusCode(400);
        assertEquals(before, Db.sampleSnapshot(sample), "a refused PATCH changed the sample");
    }

    @Test
    void aParameterBreakingItsSchemaFailsTheTest() {
        AssertionError refused = assertThrows(AssertionError.class, () -> given().auth().oauth2(Tokens.of(owner))
                .queryParam("per_page", "0").get("/api/v1/samples"));
        assertTrue(refused.getMessage().contains("query parameter per_page=0"), refused.getMessage());
    }
}
