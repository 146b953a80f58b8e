package org.samplesapi.projects;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** /api/v1/projects: create, list, change, membership (can_administer), delete. */
@QuarkusTest
class ProjectsHttpTest {

    private final User owner = World.user(World.openOrg());
    private final User member = World.user(World.openOrg());

    private ValidatableResponse send(String method, User caller, String path, String json) {
        var request = given().auth().oauth2(Tokens.of(caller)).contentType(ContentType.JSON);
        if (json != null) {
            request.body(json);
        }
        return request.when().request(method, path).then();
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
        org.samplesapi.support.Leaks.assertClean(send("POST", member, "/api/v1/projects",
                "{\"name\": \"Copy\", \"project_name\": \"gut_" + suffix + "\"}")
                .statusCode(409).body("status", equalTo(409)).extract().asString());
        assertEquals(1, Db.count("SELECT count(*) FROM projects WHERE project_name = ?", "gut_" + suffix));
        assertEquals("Gut study 2", Db.value("SELECT name FROM projects WHERE id = ?", id));
    }

    @Test
    void membershipNeedsCanAdminister() {
        String project = World.project(owner, false);
        send("POST", owner, "/api/v1/projects/" + project + "/add_user",
                "{\"user\": {\"$ref\": \"/api/v1/users/" + member.id() + "\"}, \"permissions\": [\"can_see_files\"]}")
                .statusCode(200)
                .body("$uri", containsInAnyOrder("/api/v1/users/" + owner.id(), "/api/v1/users/" + member.id()));
        given().auth().oauth2(Tokens.of(member)).get("/api/v1/projects/{id}", project).then().statusCode(200)
                .body("permissions", containsInAnyOrder("can_see_files"));
        String before = projectRow(project);
        User third = World.user(World.openOrg());
        send("POST", member, "/api/v1/projects/" + project + "/add_user", "{\"user\": \"" + third.id() + "\"}")
                .statusCode(403).body("code", equalTo("project_permission_denied"));
        send("PATCH", member, "/api/v1/projects/" + project, "{\"name\": \"taken over\"}").statusCode(403);
        send("POST", third, "/api/v1/projects/" + project + "/add_user", "{\"user\": \"" + third.id() + "\"}")
                .statusCode(404);
        send("POST", owner, "/api/v1/projects/" + project + "/add_user", "{\"user\": \"" + World.newId() + "\"}")
                .statusCode(404).body("item.$type", equalTo("users"));
        assertEquals(before, projectRow(project));
        send("POST", owner, "/api/v1/projects/" + project + "/remove_user", "{\"user\": \"" + member.id() + "\"}")
                .statusCode(200).body("$uri", containsInAnyOrder("/api/v1/users/" + owner.id()));
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
        User third = World.user(World.openOrg());
        send("POST", member, "/api/v1/projects/" + project + "/add_user", "{\"user\": \"" + third.id() + "\"}")
                .statusCode(200);
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
        send("POST", owner, "/api/v1/projects/" + project + "/change_sharing", "{\"public\": \"yes\"}")
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
            send("POST", owner, "/api/v1/projects", body).statusCode(400).body("status", equalTo(400));
        }
        String before = projectRow(project);
        send("PATCH", owner, "/api/v1/projects/" + project, "{\"project_name\": \"ab\"}").statusCode(400);
        send("POST", owner, "/api/v1/projects/" + project + "/add_user", "{\"user\": \"" + member.id()
                + "\", \"permissions\": [\"can_fly\"]}").statusCode(400);
        assertEquals(before, projectRow(project));
    }
}
