package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.samplesapi.support.Api.refusedWithoutChange;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Optional optimistic concurrency: an If-Match that names an older version is refused with 412. */
@QuarkusTest
class ConditionalPatchHttpTest {

    private final User owner = World.user(World.openOrg());

    private ValidatableResponse patchIfMatch(String id, String ifMatch, String json) {
        return given().auth().oauth2(Tokens.of(owner)).contentType(ContentType.JSON).header("If-Match", ifMatch)
                .body(json).when().patch("/api/v1/samples/{id}", id).then();
    }

    @Test
    void currentETagIsAcceptedAndTheNextOneReturned() {
        String id = World.sample(owner, "private");
        String etag = given().auth().oauth2(Tokens.of(owner)).get("/api/v1/samples/{id}", id)
                .then().statusCode(200).extract().header("ETag");
        patchIfMatch(id, etag, "{\"visibility\": \"shared\"}").statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void staleETagIs412AndWritesNothing() {
        String id = World.sample(owner, "private");
        patchIfMatch(id, "\"1\"", "{\"visibility\": \"shared\"}").statusCode(200);
        refusedWithoutChange(id, () -> patchIfMatch(id, "\"1\"", "{\"visibility\": \"public\"}"))
                .statusCode(412)
                .body("status", equalTo(412))
                .body("code", equalTo("precondition_failed"));
    }

    @Test
    void aDenialIsReportedBeforeAStaleETag() {
        Org clinic = World.org("public", true);
        User doctor = World.user(clinic);
        String id = World.sample(doctor, "private");
        refusedWithoutChange(id, () -> given().auth().oauth2(Tokens.of(doctor)).contentType(ContentType.JSON)
                .header("If-Match", "\"7\"").body("{\"visibility\": \"public\"}")
                .when().patch("/api/v1/samples/{id}", id).then())
                .statusCode(403)
                .body("code", equalTo("org_policy_violation"));
    }

    @Test
    void weakOrForeignETagsNeverMatchButAStarDoes() {
        String id = World.sample(owner, "private");
        refusedWithoutChange(id, () -> patchIfMatch(id, "W/\"1\"", "{\"visibility\": \"shared\"}")).statusCode(412);
        refusedWithoutChange(id, () -> patchIfMatch(id, "\"abc\"", "{\"visibility\": \"shared\"}")).statusCode(412);
        patchIfMatch(id, "*", "{\"visibility\": \"shared\"}").statusCode(200);
    }
}
