package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.samplesapi.support.Api.patch;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * GET /api/v1/samples/{id}/permissions against the requests it describes: for each visibility it offers or refuses,
 * the real PATCH of an identical sample is accepted, or refused with the very code and message announced (and
 * writes nothing). Who may not read the sample learns nothing, as with GET.
 */
@QuarkusTest
class SamplePermissionsHttpTest {

    private final Org lab = World.org("shared", false);
    private final User owner = World.user(lab);

    private JsonPath permissions(String token, String sampleId) {
        return given().auth().oauth2(token).get("/api/v1/samples/{id}/permissions", sampleId).then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void eachVisibilityIsAnsweredAsItsPatchWouldBe() {
        String probe = World.sample(owner, "private");
        JsonPath answer = permissions(Tokens.of(owner), probe);
        assertEquals("/api/v1/samples/" + probe + "/permissions", answer.getString("$uri"));
        assertEquals(true, answer.getBoolean("visibility.private.allowed"));
        assertEquals(true, answer.getBoolean("visibility.shared.allowed"));
        assertEquals(false, answer.getBoolean("visibility.public.allowed"));
        for (String visibility : List.of("private", "shared", "public")) {
            Map<String, Object> announced = answer.getMap("visibility." + visibility);
            String twin = World.sample(owner, "private");
            String before = Db.sampleSnapshot(twin);
            Response real = patch(Tokens.of(owner), twin, "{\"visibility\": \"" + visibility + "\"}").extract()
                    .response();
            if (Boolean.TRUE.equals(announced.get("allowed"))) {
                assertEquals(200, real.statusCode(), visibility + ": " + real.asString());
                assertNull(announced.get("code"));
            } else {
                assertEquals(403, real.statusCode(), visibility + ": " + real.asString());
                assertEquals(announced.get("code"), real.jsonPath().getString("code"));
                assertEquals(announced.get("message"), real.jsonPath().getString("message"));
                assertEquals(before, Db.sampleSnapshot(twin), "a refused PATCH wrote");
            }
        }
        assertEquals(true, answer.getBoolean("project.allowed"));
        assertEquals(true, answer.getBoolean("tags.allowed"));
        assertEquals(true, answer.getBoolean("delete.allowed"));
        assertEquals("private", Db.value("SELECT visibility FROM samples WHERE id = ?", probe), "asking changed it");
    }

    @Test
    void aColleagueWhoMayReadMayDoNothingAndIsToldWhy() {
        String shared = World.sample(owner, "shared");
        User colleague = World.user(lab);
        JsonPath answer = permissions(Tokens.of(colleague), shared);
        for (String what : List.of("visibility.private", "visibility.shared", "visibility.public", "project", "tags",
                "delete")) {
            assertEquals(false, answer.getBoolean(what + ".allowed"), what);
            assertEquals("not_sample_owner", answer.getString(what + ".code"), what);
        }
        String before = Db.sampleSnapshot(shared);
        given().auth().oauth2(Tokens.of(colleague)).delete("/api/v1/samples/{id}", shared).then().statusCode(403)
                .body("code", equalTo("not_sample_owner")).body("message", equalTo(answer.getString("delete.message")));
        assertEquals(before, Db.sampleSnapshot(shared));
    }

    @Test
    void whoCannotReadTheSampleLearnsNothing() {
        String secret = World.sample(owner, "private");
        String stranger = Tokens.of(World.user(World.openOrg()));
        String hidden = given().auth().oauth2(stranger).get("/api/v1/samples/{id}/permissions", secret).then()
                .statusCode(404).extract().asString();
        String missing = given().auth().oauth2(stranger).get("/api/v1/samples/{id}/permissions", World.newId())
                .then().statusCode(404).extract().asString();
        assertEquals(missing, hidden);
        given().get("/api/v1/samples/{id}/permissions", secret).then().statusCode(401);
    }
}
