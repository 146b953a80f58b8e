package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.samplesapi.support.Api.patch;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;

/** GET /api/v1/samples/{id}/events: the audit trail, for the owner and the admins of the owner's organization. */
@QuarkusTest
class AuditTrailHttpTest {

    private final Org org = World.openOrg();
    private final User owner = World.user(org);

    @Test
    void ownerAndOrgAdminSeeEveryAcceptedChangeInOrder() {
        String project = World.project(owner, false);
        String id = World.sample(owner, "private");
        patch(Tokens.of(owner), id, "{\"visibility\": \"shared\"}").statusCode(200);
        patch(Tokens.of(owner), id, "{\"project\": \"" + project + "\"}").statusCode(200);
        patch(Tokens.of(owner), id, "{\"visibility\": \"public\"}").statusCode(200);
        for (String token : new String[] {Tokens.of(owner), Tokens.admin(World.user(org))}) {
            given().auth().oauth2(token).get("/api/v1/samples/{id}/events", id)
                    .then().statusCode(200)
                    .body("$", hasSize(3))
                    .body("field", contains("visibility", "project", "visibility"))
                    .body("new_value", contains("shared", "/api/v1/projects/" + project, "public"))
                    .body("[0].old_value", equalTo("private"))
                    .body("[0].actor.$ref", equalTo("/api/v1/users/" + owner.id()))
                    .body("[0].sample.$ref", equalTo("/api/v1/samples/" + id))
                    .body("[0].created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"));
        }
    }

    @Test
    void readersWhoCannotModifyGet403AndStrangersGet404() {
        String id = World.sample(owner, "shared");
        given().auth().oauth2(Tokens.of(World.user(org))).get("/api/v1/samples/{id}/events", id)
                .then().statusCode(403).body("code", equalTo("not_sample_owner"));
        given().auth().oauth2(Tokens.of(World.user(World.openOrg()))).get("/api/v1/samples/{id}/events", id)
                .then().statusCode(404).body("code", equalTo("not_found"));
    }
}
