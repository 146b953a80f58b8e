package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samplesapi.support.Api.refusedWithoutChange;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * {@code PATCH ...?dry_run=true} answers as the change would be answered and changes nothing (PatchFuzzHttpTest
 * compares the two for every generated request); a {@code dry_run} that is neither true nor false is a 400.
 */
@QuarkusTest
class DryRunHttpTest {

    private final User owner = World.user(World.org("shared", false));

    private ValidatableResponse patch(String sampleId, String dryRun, String json) {
        return given().auth().oauth2(Tokens.of(owner)).contentType(ContentType.JSON).queryParam("dry_run", dryRun)
                .body(json).when().patch("/api/v1/samples/{id}", sampleId).then();
    }

    @Test
    void aDryRunAnswersTheWouldBeSampleAndKeepsNothing() {
        String tag = World.tag(owner, "WGS");
        String id = World.sample(owner, "private");
        String before = Db.sampleSnapshot(id);
        String change = "{\"visibility\": \"shared\", \"tags\": [\"" + tag + "\"]}";
        patch(id, "true", change).statusCode(200).header("ETag", "\"2\"")
                .body("visibility", equalTo("shared")).body("tags[0].$ref", equalTo("/api/v1/tags/" + tag));
        assertEquals(before, Db.sampleSnapshot(id), "the dry run kept something");
        patch(id, "false", change).statusCode(200).header("ETag", "\"2\"").body("visibility", equalTo("shared"));
        assertEquals("shared|2|1", Db.value("SELECT s.visibility || '|' || s.version || '|' || (SELECT count(*)"
                + " FROM audit_events a WHERE a.sample_id = s.id) FROM samples s WHERE s.id = ?", id));
    }

    @Test
    void aRefusalIsTheSameRefusal() {
        String id = World.sample(owner, "private");
        String dry = refusedWithoutChange(id, () -> patch(id, "true", "{\"visibility\": \"public\"}")).statusCode(403)
                .extract().asString();
        String real = refusedWithoutChange(id, () -> patch(id, "false", "{\"visibility\": \"public\"}"))
                .statusCode(403).extract().asString();
        assertEquals(real, dry);
    }

    @Test
    void dryRunIsTrueOrFalse() {
        String id = World.sample(owner, "private");
        refusedWithoutChange(id, () -> patch(id, "yes", "{\"visibility\": \"shared\"}")).statusCode(400)
                .body("errors[0].path[0]", equalTo("dry_run"));
    }
}
