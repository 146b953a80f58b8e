package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.samplesapi.support.Api.patch;
import static org.samplesapi.support.Api.refusedWithoutChange;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;

/** PATCH of project: can_add_files on the target, 404 with item for what the caller cannot see, null to leave. */
@QuarkusTest
class PatchProjectHttpTest {

    private final Org org = World.openOrg();
    private final User owner = World.user(org);
    private final User projectLead = World.user(World.openOrg());

    @Test
    void ownerMovesSampleIntoOwnProjectByRef() {
        String project = World.project(owner, false);
        String id = World.sample(owner, "private");
        patch(Tokens.of(owner), id, "{\"project\": {\"$ref\": \"/api/v1/projects/" + project + "\"}}")
                .statusCode(200)
                .body("project.$ref", equalTo("/api/v1/projects/" + project));
        assertEquals(project, Db.value("SELECT project_id FROM samples WHERE id = ?", id));
        assertEquals("project||" + project, Db.value(
                "SELECT field || '|' || coalesce(old_value, '') || '|' || new_value FROM audit_events"
                        + " WHERE sample_id = ?", id));
    }

    @Test
    void memberWithCanAddFilesMayAddByBareId() {
        String project = World.project(projectLead, false);
        World.member(project, owner, "can_see_files", "can_add_files");
        String id = World.sample(owner, "private");
        patch(Tokens.of(owner), id, "{\"project\": \"" + project + "\"}")
                .statusCode(200)
                .body("project.$ref", equalTo("/api/v1/projects/" + project));
    }

    @Test
    void memberWithoutCanAddFilesGets403() {
        String project = World.project(projectLead, false);
        World.member(project, owner, "can_see_files", "can_download_files");
        String id = World.sample(owner, "private");
        refusedWithoutChange(id, () -> patch(Tokens.of(owner), id, "{\"project\": \"" + project + "\"}"))
                .statusCode(403)
                .body("code", equalTo("project_permission_denied"))
                .body("message", containsString("can_add_files"));
    }

    @Test
    void anOrgAdminMovingAMembersSampleNeedsCanAddFilesThemselves() {
        User admin = World.user(org);
        String project = World.project(projectLead, false);
        World.member(project, owner, "can_see_files", "can_add_files");
        World.member(project, admin, "can_see_files");
        String id = World.sample(owner, "private");
        refusedWithoutChange(id, () -> patch(Tokens.admin(admin), id, "{\"project\": \"" + project + "\"}"))
                .statusCode(403)
                .body("code", equalTo("project_permission_denied"));
    }

    @Test
    void publicProjectIsVisibleButNotWritableForNonMembers() {
        String project = World.project(projectLead, true);
        String id = World.sample(owner, "private");
        refusedWithoutChange(id, () -> patch(Tokens.of(owner), id, "{\"project\": \"" + project + "\"}"))
                .statusCode(403)
                .body("code", equalTo("project_permission_denied"));
    }

    @Test
    void invisibleAndUnknownProjectsAreNotFoundWithItem() {
        String hidden = World.project(projectLead, false);
        String unknown = World.newId();
        String id = World.sample(owner, "private");
        for (String project : new String[] {hidden, unknown}) {
            refusedWithoutChange(id, () -> patch(Tokens.of(owner), id,
                    "{\"project\": {\"$ref\": \"/api/v1/projects/" + project + "\"}}"))
                    .statusCode(404)
                    .body("status", equalTo(404))
                    .body("item.$type", equalTo("projects"))
                    .body("item.$id", equalTo(project));
        }
    }

    /**
     * A public sample in a private project shows the project's reference, not the project: GET and PATCH both
     * answer as for a missing project. Once public, the project is visible and PATCH answers 403 instead.
     */
    @Test
    void aPrivateProjectIsNotSeenThroughAReadableSample() {
        String project = World.project(projectLead, false);
        World.sample(projectLead, "public", "available", project);
        given().auth().oauth2(Tokens.of(owner)).get("/api/v1/projects/{id}", project).then().statusCode(404);
        String id = World.sample(owner, "private");
        refusedWithoutChange(id, () -> patch(Tokens.of(owner), id, "{\"project\": \"" + project + "\"}"))
                .statusCode(404)
                .body("item.$id", equalTo(project));
        Db.exec("UPDATE projects SET public = true WHERE id = ?", project);
        given().auth().oauth2(Tokens.of(owner)).get("/api/v1/projects/{id}", project).then().statusCode(200);
        refusedWithoutChange(id, () -> patch(Tokens.of(owner), id, "{\"project\": \"" + project + "\"}"))
                .statusCode(403)
                .body("code", equalTo("project_permission_denied"));
    }

    @Test
    void refToAnotherResourceTypeIs400() {
        String tag = World.tag(owner, "isolate");
        String id = World.sample(owner, "private");
        refusedWithoutChange(id, () -> patch(Tokens.of(owner), id,
                "{\"project\": {\"$ref\": \"/api/v1/tags/" + tag + "\"}}"))
                .statusCode(400)
                .body("errors[0].path[0]", equalTo("project"))
                .body("errors[0].message", containsString("/api/v1/projects/"));
    }

    @Test
    void nullTakesTheSampleOutOfItsProject() {
        String project = World.project(owner, false);
        String id = World.sample(owner, "private", "available", project);
        patch(Tokens.of(owner), id, "{\"project\": null}")
                .statusCode(200)
                .body("project", nullValue());
        assertNull(Db.value("SELECT project_id FROM samples WHERE id = ?", id));
        assertEquals("project|" + project + "|", Db.value(
                "SELECT field || '|' || old_value || '|' || coalesce(new_value, '') FROM audit_events"
                        + " WHERE sample_id = ?", id));
    }

    @Test
    void stayingInTheSameProjectNeedsNoPermissionAndIsNoChange() {
        String project = World.project(projectLead, false);
        World.member(project, owner, "can_see_files");
        String id = World.sample(owner, "private", "available", project);
        patch(Tokens.of(owner), id, "{\"project\": \"" + project + "\"}").statusCode(200).header("ETag", "\"1\"");
        assertEquals(0, Db.count("SELECT count(*) FROM audit_events WHERE sample_id = ?", id));
    }

    @Test
    void visibilityAndProjectInOneRequestAreTwoAuditEventsInOneVersion() {
        String project = World.project(owner, false);
        String id = World.sample(owner, "private");
        patch(Tokens.of(owner), id, "{\"visibility\": \"shared\", \"project\": \"" + project + "\"}")
                .statusCode(200)
                .header("ETag", "\"2\"");
        assertEquals(2, Db.count("SELECT count(*) FROM audit_events WHERE sample_id = ?", id));
    }

    @Test
    void aDeniedProjectAlsoDiscardsTheVisibilityChangeOfTheSameRequest() {
        String project = World.project(projectLead, false);
        World.member(project, owner, "can_see_files");
        String id = World.sample(owner, "private");
        refusedWithoutChange(id, () -> patch(Tokens.of(owner), id,
                "{\"visibility\": \"public\", \"project\": \"" + project + "\"}"))
                .statusCode(403)
                .body("code", equalTo("project_permission_denied"));
    }
}
