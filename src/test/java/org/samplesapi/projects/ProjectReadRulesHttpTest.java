package org.samplesapi.projects;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Api;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What a project grants its members to read, as One Codex's permission names say: {@code can_see_files} opens the
 * project's shared samples; membership without it opens nothing. And a private project stays private, whatever
 * samples its members add to it.
 */
@QuarkusTest
class ProjectReadRulesHttpTest {

    private final User lead = World.user(World.openOrg());
    private final User guest = World.user(World.openOrg());
    private final String project = World.project(lead, false);
    private final String shared = World.sample(lead, "shared", "available", project);

    @Test
    void sharedSamplesOfAProjectNeedCanSeeFiles() {
        World.member(project, guest, "can_add_files", "can_edit_metadata");
        Api.get(Tokens.of(guest), shared).statusCode(404);
        listed(false);
        Db.exec("UPDATE project_members SET permissions = '{can_see_files}' WHERE project_id = ? AND user_id = ?",
                project, guest.id());
        Api.get(Tokens.of(guest), shared).statusCode(200);
        listed(true);
    }

    @Test
    void aPublicSampleAddedToAPrivateProjectDoesNotShowTheProject() {
        World.member(project, guest, "can_add_files");
        String open = World.sample(guest, "public");
        Api.patch(Tokens.of(guest), open, "{\"project\": \"" + project + "\"}").statusCode(200);
        User anyone = World.user(World.openOrg());
        Api.get(Tokens.of(anyone), open).statusCode(200);
        given().auth().oauth2(Tokens.of(anyone)).get("/api/v1/projects/{id}", project).then().statusCode(404);
        assertEquals(0L, Db.count("SELECT count(*) FROM project_members WHERE project_id = ? AND user_id = ?",
                project, anyone.id()));
    }

    private void listed(boolean expected) {
        given().auth().oauth2(Tokens.of(guest)).queryParam("per_page", 1000).get("/api/v1/samples").then()
                .statusCode(200)
                .body("$uri", expected ? hasItem("/api/v1/samples/" + shared)
                        : not(hasItem("/api/v1/samples/" + shared)));
    }
}
