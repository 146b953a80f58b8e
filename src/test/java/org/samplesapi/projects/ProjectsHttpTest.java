package org.samplesapi.projects;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.samplesapi.support.OpenApiConformance.invalidOnPurpose;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Leaks;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** /api/v1/projects: create, list, change, membership (can_administer), delete. */
@QuarkusTest
class ProjectsHttpTest {

    private final Org org = World.openOrg();
    private final User owner = World.user(org);
    private final User member = World.user(org);

    private ValidatableResponse send(String method, User caller, String path, String json) {
        var request = given().auth().oauth2(Tokens.of(caller)).contentType(ContentType.JSON);
        if (json != null) {
            request.body(json);
        }
        return request.when().request(method, path).then();
    }

    /** A request the OpenAPI document does not allow, sent on purpose. */
    private ValidatableResponse sendInvalid(String method, User caller, String path, String json) {
        return given().header(invalidOnPurpose()).auth().oauth2(Tokens.of(caller)).contentType(ContentType.JSON)
                .body(json).when().request(method, path).then();
    }

    private static String projectRow(String id) {
        return Db.value("SELECT coalesce((SELECT row_to_json(p)::text FROM projects p WHERE id = ?), '') || '|' ||"
                + " coalesce((SELECT string_agg(user_id || array_to_string(permissions, ','), ';' ORDER BY user_id)"
                + " FROM project_members WHERE project_id = ?), '')", id, id);
    }

    @Test
    void createChangeAndListOwnProjects() {
        String suffix = World.newId().substring(0, 8);
        String uri = send("POST", owner, "/api/v1/projects",
                "{\"name\": \"Gut study\", \"project_name\": \"gut_" + suffix + "\", \"description\": \"d\"}")
                .statusCode(201)
                .body("name", equalTo("Gut study"))
                .body("owner.$ref", equalTo("/api/v1/users/" + owner.id()))
                .body("public", equalTo(false))
                .body("permissions.size()", equalTo(6))
                .extract().path("$uri");
        String id = uri.substring(uri.lastIndexOf('/') + 1);
        send("PATCH", owner, uri, "{\"name\": \"Gut study 2\", \"description\": null}").statusCode(200)
                .body("name", equalTo("Gut study 2")).body("description", equalTo(null));
        given().auth().oauth2(Tokens.of(owner)).queryParam("per_page", 1000).get("/api/v1/projects").then()
                .statusCode(200).body("$uri", hasItem(uri));
        given().auth().oauth2(Tokens.of(member)).queryParam("per_page", 1000).get("/api/v1/projects").then()
                .statusCode(200).body("$uri", not(hasItem(uri)));
        // Names are unique per owner: the owner's own second one is refused, and nobody else learns it is taken.
        String before = projectRow(id);
        Leaks.assertClean(send("POST", owner, "/api/v1/projects",
                "{\"name\": \"Copy\", \"project_name\": \"gut_" + suffix + "\"}")
                .statusCode(409).body("status", equalTo(409)).extract().asString());
        assertEquals(1, Db.count("SELECT count(*) FROM projects WHERE project_name = ?", "gut_" + suffix));
        assertEquals(before, projectRow(id));
        send("POST", member, "/api/v1/projects", "{\"name\": \"Copy\", \"project_name\": \"gut_" + suffix + "\"}")
                .statusCode(201).body("owner.$ref", equalTo("/api/v1/users/" + member.id()));
        String other = send("POST", member, "/api/v1/projects", "{\"name\": \"Other\"}").statusCode(201)
                .extract().path("$uri");
        String otherBefore = projectRow(other.substring(other.lastIndexOf('/') + 1));
        send("PATCH", member, other, "{\"project_name\": \"gut_" + suffix + "\"}").statusCode(409);
        assertEquals(otherBefore, projectRow(other.substring(other.lastIndexOf('/') + 1)));
    }

    @Test
    void membershipNeedsCanAdminister() {
        String project = World.project(owner, false);
        send("POST", owner, "/api/v1/projects/" + project + "/add_user",
                "{\"user\": {\"$ref\": \"/api/v1/users/" + member.id() + "\"}, \"permissions\": [\"can_see_files\"]}")
                .statusCode(200)
                .body("$uri", containsInAnyOrder("/api/v1/users/" + owner.id(), "/api/v1/users/" + member.id()))
                .body("email", everyItem(nullValue()));
        given().auth().oauth2(Tokens.of(member)).get("/api/v1/projects/{id}", project).then().statusCode(200)
                .body("permissions", containsInAnyOrder("can_see_files"));
        String before = projectRow(project);
        User third = World.user(World.openOrg());
        send("POST", member, "/api/v1/projects/" + project + "/add_user", "{\"user\": \"" + third.id() + "\"}")
                .statusCode(403).body("code", equalTo("project_permission_denied"));
        send("PATCH", member, "/api/v1/projects/" + project, "{\"name\": \"taken over\"}").statusCode(403);
        send("POST", third, "/api/v1/projects/" + project + "/add_user", "{\"user\": \"" + third.id() + "\"}")
                .statusCode(404);
        // An unknown id and a user of another organization get the same answer, and neither is added.
        String unknown = send("POST", owner, "/api/v1/projects/" + project + "/add_user",
                "{\"user\": \"" + World.newId() + "\"}").statusCode(404).extract().asString();
        String foreign = send("POST", owner, "/api/v1/projects/" + project + "/add_user",
                "{\"user\": \"" + third.id() + "\"}").statusCode(404).extract().asString();
        assertEquals(unknown, foreign);
        assertEquals(before, projectRow(project));
        given().auth().oauth2(Tokens.of(owner)).get("/api/v1/users/{id}", third.id()).then().statusCode(404);
        send("POST", owner, "/api/v1/projects/" + project + "/remove_user", "{\"user\": \"" + member.id() + "\"}")
                .statusCode(200).body("$uri", containsInAnyOrder("/api/v1/users/" + owner.id()))
                .body("email", everyItem(nullValue()));
    }

    @Test
    void onlyOwnerAndMembersSeeTheMembers() {
        String project = World.project(owner, true);
        World.member(project, member, "can_see_files");
        User visitor = World.user(World.openOrg());
        given().auth().oauth2(Tokens.of(visitor)).get("/api/v1/projects/{id}", project).then().statusCode(200);
        given().auth().oauth2(Tokens.of(visitor)).get("/api/v1/projects/{id}/members", project).then().statusCode(403);
        given().auth().oauth2(Tokens.of(member)).get("/api/v1/projects/{id}/members", project).then().statusCode(200)
                .body("$uri", containsInAnyOrder("/api/v1/users/" + owner.id(), "/api/v1/users/" + member.id()));
    }

    @Test
    void aMemberWithCanAdministerManagesTheProject() {
        String project = World.project(owner, false);
        World.member(project, member, "can_see_files", "can_administer");
        User third = World.user(org);
        send("POST", member, "/api/v1/projects/" + project + "/add_user", "{\"user\": \"" + third.id() + "\"}")
                .statusCode(200);
        String before = projectRow(project);
        send("POST", member, "/api/v1/projects/" + project + "/add_user",
                "{\"user\": \"" + World.user(World.openOrg()).id() + "\"}").statusCode(404);
        assertEquals(before, projectRow(project));
        send("PATCH", member, "/api/v1/projects/" + project, "{\"description\": \"run by a member\"}")
                .statusCode(200).body("description", equalTo("run by a member"));
    }

    @Test
    void changeSharingNeedsCanAdministerAndShowsTheProjectToEveryone() {
        String project = World.project(owner, false);
        User visitor = World.user(World.openOrg());
        given().auth().oauth2(Tokens.of(visitor)).get("/api/v1/projects/{id}", project).then().statusCode(404);
        String before = projectRow(project);
        send("POST", visitor, "/api/v1/projects/" + project + "/change_sharing", "{\"public\": true}").statusCode(404);
        sendInvalid("POST", owner, "/api/v1/projects/" + project + "/change_sharing", "{\"public\": \"yes\"}")
                .statusCode(400);
        assertEquals(before, projectRow(project));
        send("POST", owner, "/api/v1/projects/" + project + "/change_sharing", "{\"public\": true}").statusCode(200)
                .body("public", equalTo(true));
        given().auth().oauth2(Tokens.of(visitor)).queryParam("where", "{\"owner\": \"" + owner.id() + "\"}")
                .get("/api/v1/projects/public").then().statusCode(200)
                .header("X-Total-Count", "1")
                .body("$uri", hasItem("/api/v1/projects/" + project));
    }

    @Test
    void nulCharactersAre400() {
        send("POST", owner, "/api/v1/projects", "{\"name\": \"a\\u0000b\"}").statusCode(400)
                .body("errors[0].path[0]", equalTo("name"));
    }

    /**
     * A project admin may delete a project only once it holds no samples they may not modify: other owners' samples,
     * across organizations, keep their project, and nothing changes.
     */
    @Test
    void deletingWhileOthersSamplesRemainIsRefusedAndChangesNothing() {
        String project = World.project(owner, false);
        User outsider = World.user(World.openOrg());
        World.member(project, member, "can_see_files", "can_administer");
        World.member(project, outsider, "can_see_files", "can_add_files");
        String own = World.sample(member, "private", "available", project);
        String others = World.sample(outsider, "private", "available", project);
        String before = projectRow(project) + Db.sampleSnapshot(own) + Db.sampleSnapshot(others);
        send("DELETE", member, "/api/v1/projects/" + project, null).statusCode(409)
                .body("code", equalTo("project_not_empty"));
        assertEquals(before, projectRow(project) + Db.sampleSnapshot(own) + Db.sampleSnapshot(others));
        // Once the other owner takes theirs out, the delete goes through and detaches the deleter's own.
        given().auth().oauth2(Tokens.of(outsider)).contentType(ContentType.JSON).body("{\"project\": null}")
                .patch("/api/v1/samples/{id}", others).then().statusCode(200);
        send("DELETE", member, "/api/v1/projects/" + project, null).statusCode(204);
        assertNull(Db.value("SELECT project_id FROM samples WHERE id = ?", own));
        assertEquals(member.id(), Db.value("SELECT actor_id FROM audit_events WHERE sample_id = ?", own));
    }

    /** An organization admin deleting a project detaches their organization's samples too, as they may modify them. */
    @Test
    void anOrganizationAdminDetachesTheOrganizationsSamples() {
        User admin = World.user(org);
        String project = World.project(admin, false);
        String colleagues = World.sample(member, "shared", "available", project);
        given().auth().oauth2(Tokens.admin(admin)).when().delete("/api/v1/projects/{id}", project).then()
                .statusCode(204);
        assertNull(Db.value("SELECT project_id FROM samples WHERE id = ?", colleagues));
        assertEquals(admin.id(), Db.value("SELECT actor_id FROM audit_events WHERE sample_id = ?", colleagues));
    }

    @Test
    void deletingTakesSamplesOutAndAuditsIt() {
        String project = World.project(owner, false);
        String sample = World.sample(owner, "private", "available", project);
        send("DELETE", member, "/api/v1/projects/" + project, null).statusCode(404);
        send("DELETE", owner, "/api/v1/projects/" + project, null).statusCode(204);
        assertNull(Db.value("SELECT project_id FROM samples WHERE id = ?", sample));
        assertEquals("2", Db.value("SELECT version FROM samples WHERE id = ?", sample));
        assertEquals("project|" + project + "|", Db.value("SELECT field || '|' || old_value || '|' ||"
                + " coalesce(new_value, '') FROM audit_events WHERE sample_id = ?", sample));
        given().auth().oauth2(Tokens.of(owner)).get("/api/v1/projects/{id}", project).then().statusCode(404);
    }

    @Test
    void badBodiesAre400() {
        String project = World.project(owner, false);
        for (String body : new String[] {"{}", "{\"name\": \"" + "x".repeat(61) + "\"}",
                "{\"name\": \"x\", \"project_name\": \"No Caps\"}", "{\"name\": \"x\", \"public\": true}",
                "{\"name\": \"x\", \"owner\": \"y\"}"}) {
            sendInvalid("POST", owner, "/api/v1/projects", body).statusCode(400).body("status", equalTo(400));
        }
        String before = projectRow(project);
        sendInvalid("PATCH", owner, "/api/v1/projects/" + project, "{\"project_name\": \"ab\"}").statusCode(400);
        sendInvalid("POST", owner, "/api/v1/projects/" + project + "/add_user", "{\"user\": \"" + member.id()
                + "\", \"permissions\": [\"can_fly\"]}").statusCode(400);
        assertEquals(before, projectRow(project));
    }
}
