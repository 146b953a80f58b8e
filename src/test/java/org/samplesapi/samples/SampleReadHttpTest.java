package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** GET /api/v1/samples/{id}: who can read which visibility, and that hidden samples look exactly like missing ones. */
@QuarkusTest
class SampleReadHttpTest {

    private final Org org = World.openOrg();
    private final User owner = World.user(org);
    private final User colleague = World.user(org);
    private final User stranger = World.user(World.openOrg());

    @Test
    void ownerReadsPrivateSampleWithETag() {
        String id = World.sample(owner, "private");
        given().auth().oauth2(Tokens.of(owner))
                .when().get("/api/v1/samples/{id}?expand=all", id)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", "\"1\"")
                .body("$uri", equalTo("/api/v1/samples/" + id))
                .body("visibility", equalTo("private"))
                .body("owner.$ref", equalTo("/api/v1/users/" + owner.id()))
                .body("metadata.$ref", notNullValue());
    }

    @Test
    void sharedSampleIsReadableBySameOrganizationButPrivateIsNot() {
        String shared = World.sample(owner, "shared");
        String secret = World.sample(owner, "private");
        given().auth().oauth2(Tokens.of(colleague)).get("/api/v1/samples/{id}", shared).then().statusCode(200);
        given().auth().oauth2(Tokens.of(colleague)).get("/api/v1/samples/{id}", secret).then().statusCode(404);
    }

    @Test
    void sharedSampleIsReadableByProjectMemberFromAnotherOrganization() {
        String project = World.project(owner, false);
        World.member(project, stranger, "can_see_files");
        String shared = World.sample(owner, "shared", "available", project);
        String secret = World.sample(owner, "private", "available", project);
        given().auth().oauth2(Tokens.of(stranger)).get("/api/v1/samples/{id}", shared).then().statusCode(200);
        given().auth().oauth2(Tokens.of(stranger)).get("/api/v1/samples/{id}", secret).then().statusCode(404);
    }

    @Test
    void publicSampleIsReadableByEveryone() {
        String id = World.sample(owner, "public");
        given().auth().oauth2(Tokens.of(stranger)).get("/api/v1/samples/{id}", id).then().statusCode(200);
    }

    @Test
    void orgAdminReadsPrivateSamplesOfTheOrganization() {
        String id = World.sample(owner, "private");
        User admin = World.user(org);
        given().auth().oauth2(Tokens.admin(admin)).get("/api/v1/samples/{id}", id).then().statusCode(200);
        given().auth().oauth2(Tokens.admin(stranger)).get("/api/v1/samples/{id}", id).then().statusCode(404);
    }

    @Test
    void hiddenDeletedAndMissingSamplesGetTheSameAnswer() {
        String secret = World.sample(owner, "private");
        String deleted = World.sample(owner, "public", "deleted", null);
        String hidden = given().auth().oauth2(Tokens.of(stranger)).get("/api/v1/samples/{id}", secret)
                .then().statusCode(404).contentType(ContentType.JSON).extract().asString();
        String gone = given().auth().oauth2(Tokens.of(owner)).get("/api/v1/samples/{id}", deleted)
                .then().statusCode(404).extract().asString();
        String missing = given().auth().oauth2(Tokens.of(stranger)).get("/api/v1/samples/{id}", World.newId())
                .then().statusCode(404).extract().asString();
        String malformed = given().auth().oauth2(Tokens.of(stranger)).get("/api/v1/samples/{id}", "..%2F..%2Fetc")
                .then().statusCode(404).extract().asString();
        assertEquals(missing, hidden);
        assertEquals(missing, gone);
        assertEquals(missing, malformed);
    }
}
