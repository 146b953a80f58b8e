package org.samplesapi.organizations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samplesapi.support.OpenApiConformance.invalidOnPurpose;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Api;
import org.samplesapi.support.Db;
import org.samplesapi.support.Leaks;
import org.samplesapi.support.Raw;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * An organization's policy through the API: who may read it, tighten it, loosen it and read its history; that a
 * tightening binds the samples already shared on every read route; and that every refusal writes nothing.
 */
@QuarkusTest
class OrganizationPolicyHttpTest {

    private Org lab;
    private User admin;
    private User owner;
    private User colleague;
    private User stranger;
    private User projectMember;
    private String shared;
    private String sharedInProject;
    private String publicSample;
    private String privateSample;
    private String project;

    @BeforeEach
    void world() {
        lab = World.org("public", false);
        admin = World.user(lab);
        owner = World.user(lab);
        colleague = World.user(lab);
        stranger = World.user(World.openOrg());
        projectMember = World.user(World.openOrg());
        project = World.project(owner, false);
        World.member(project, projectMember, "can_see_files");
        shared = World.sample(owner, "shared");
        sharedInProject = World.sample(owner, "shared", "available", project);
        publicSample = World.sample(owner, "public");
        privateSample = World.sample(owner, "private");
    }

    private static ValidatableResponse patchOrganization(String token, String organizationId, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json)
                .patch("/api/v1/organizations/{id}", organizationId).then();
    }

    /** A refused request: a JSON error with this code that changed nothing of the organization or its samples. */
    private void refused(int status, String code, Supplier<ValidatableResponse> request) {
        String before = Db.organizationSnapshot(lab.id());
        request.get().statusCode(status).contentType(ContentType.JSON).body("status", equalTo(status))
                .body("code", equalTo(code));
        assertEquals(before, Db.organizationSnapshot(lab.id()), "a refused request changed the database");
    }

    /**
     * The samples the caller can reach by any read route: GET, the three lists (by owner, by visibility, by project),
     * and the metadata list.
     */
    private Set<String> reachable(String token, List<String> sampleIds) {
        Set<String> seen = new HashSet<>();
        String byOwner = "{\"owner\": {\"$ref\": \"/api/v1/users/" + owner.id() + "\"}}";
        for (String id : sampleIds) {
            if (Api.get(token, id).extract().statusCode() == 200) {
                seen.add(id);
            }
        }
        for (String path : List.of("/api/v1/samples", "/api/v1/samples/public", "/api/v1/samples/organization")) {
            String byVisibility = "{\"visibility\": {\"$in\": [\"shared\", \"public\"]}, \"owner\": {\"$ref\":"
                    + " \"/api/v1/users/" + owner.id() + "\"}}";
            String byProject = "{\"project\": {\"$ref\": \"/api/v1/projects/" + project + "\"}}";
            for (String where : List.of(byOwner, byVisibility, byProject)) {
                List<String> uris = given().auth().oauth2(token).queryParam("where", where).queryParam("per_page", 1000)
                        .get(path).then().statusCode(200).extract().path("$uri");
                uris.forEach(uri -> seen.add(uri.substring(uri.lastIndexOf('/') + 1)));
            }
        }
        List<String> metadata = given().auth().oauth2(token).queryParam("per_page", 1000)
                .queryParam("where", "{\"sample\": {\"$in\": " + sampleIds.stream().map(id -> "\"" + id + "\"").toList()
                        + "}}")
                .get("/api/v1/metadata").then().statusCode(200).extract().path("sample.$ref");
        metadata.forEach(ref -> seen.add(ref.substring(ref.lastIndexOf('/') + 1)));
        return seen;
    }

    @Test
    void membersSeeTheirOrganizationWithWhereItsSamplesStand() {
        JsonPath body = given().auth().oauth2(Tokens.of(colleague)).get("/api/v1/organizations/{id}", lab.id()).then()
                .statusCode(200).header("ETag", "\"1\"").extract().jsonPath();
        assertEquals("/api/v1/organizations/" + lab.id(), body.getString("$uri"));
        assertEquals(lab.name(), body.getString("name"));
        assertEquals(false, body.getBoolean("holds_pii"));
        assertEquals("public", body.getString("max_visibility"));
        assertEquals("public", body.getString("effective_max_visibility"));
        assertEquals(Map.of("private", 1, "shared", 2, "public", 1), body.getMap("samples"));
        given().auth().oauth2(Tokens.platformAdmin(World.user(null))).get("/api/v1/organizations/{id}", lab.id())
                .then().statusCode(200).body("name", equalTo(lab.name()));
        given().auth().oauth2(Tokens.of(owner)).get("/api/v1/account").then().statusCode(200)
                .body("organization.$ref", equalTo("/api/v1/organizations/" + lab.id()));
    }

    @Test
    void toAnyoneElseAnOrganizationDoesNotExist() {
        for (String token : List.of(Tokens.of(stranger), Tokens.admin(World.user(World.openOrg())),
                Tokens.admin(World.user(null)))) {
            String hidden = Raw.send("GET", "/api/v1/organizations/" + lab.id(), token, null, null, Map.of()).body();
            String missing = Raw.send("GET", "/api/v1/organizations/" + World.newId(), token, null, null, Map.of()).body();
            assertEquals(missing, hidden);
            Leaks.error(Raw.send("GET", "/api/v1/organizations/" + lab.id(), token, null, null, Map.of()), 404);
            refused(404, "not_found", () -> patchOrganization(token, lab.id(), "{\"max_visibility\": \"private\"}"));
            refused(404, "not_found", () -> given().auth().oauth2(token)
                    .get("/api/v1/organizations/{id}/events", lab.id()).then());
        }
        given().get("/api/v1/organizations/{id}", lab.id()).then().statusCode(401);
        refused(401, "unauthorized", () -> given().contentType(ContentType.JSON).body("{\"max_visibility\": \"public\"}")
                .patch("/api/v1/organizations/{id}", lab.id()).then());
    }

    @Test
    void anAdminsTighteningBindsWhatIsAlreadySharedOnEveryRoute() {
        List<String> all = List.of(shared, sharedInProject, publicSample, privateSample);
        assertEquals(Set.of(shared, sharedInProject, publicSample), reachable(Tokens.of(colleague), all));
        assertEquals(Set.of(publicSample), reachable(Tokens.of(stranger), all));
        assertEquals(Set.of(sharedInProject, publicSample), reachable(Tokens.of(projectMember), all));

        Response answer = patchOrganization(Tokens.admin(admin), lab.id(), "{\"max_visibility\": \"private\"}")
                .statusCode(200).header("ETag", "\"2\"").extract().response();
        assertEquals("private", answer.jsonPath().getString("max_visibility"));
        assertEquals(Map.of("private", 4, "shared", 0, "public", 0), answer.jsonPath().getMap("samples"));

        assertEquals(Set.of(), reachable(Tokens.of(colleague), all), "a colleague still reads above the cap");
        assertEquals(Set.of(), reachable(Tokens.of(stranger), all), "a stranger still reads above the cap");
        assertEquals(Set.of(), reachable(Tokens.of(projectMember), all), "a project member still reads above the cap");
        assertEquals(Set.copyOf(all), reachable(Tokens.of(owner), all), "the owner lost a sample");

        // The policy change is recorded once; each lowered sample's audit trail names it as the cause.
        List<Map<String, Object>> events = given().auth().oauth2(Tokens.admin(admin))
                .get("/api/v1/organizations/{id}/events", lab.id()).then().statusCode(200).extract().path("$");
        assertEquals(1, events.size(), events.toString());
        Map<String, Object> event = events.get(0);
        assertEquals(Map.of("$ref", "/api/v1/organizations/" + lab.id()), event.get("organization"));
        assertEquals(Map.of("$ref", "/api/v1/users/" + admin.id()), event.get("actor"));
        assertEquals(List.of("max_visibility", "public", "private"),
                List.of(event.get("field"), event.get("old_value"), event.get("new_value")));
        for (String id : List.of(shared, sharedInProject, publicSample)) {
            JsonPath trail = given().auth().oauth2(Tokens.of(owner)).get("/api/v1/samples/{id}/events", id).then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(1, trail.getList("$").size(), trail.prettify());
            assertEquals("private", trail.getString("[0].new_value"));
            assertEquals("/api/v1/users/" + admin.id(), trail.getString("[0].actor.$ref"));
            assertEquals(event.get("id"), trail.getString("[0].cause.id"));
            assertEquals("max_visibility", trail.getString("[0].cause.field"));
            Api.assertVisibilityAuditChain(id, id.equals(publicSample) ? "public" : "shared");
            assertEquals("2", Db.value("SELECT version FROM samples WHERE id = ?", id), "the ETag did not move");
        }
        assertEquals("1", Db.value("SELECT version FROM samples WHERE id = ?", privateSample), "an untouched sample moved");
        assertEquals(0, Db.count("SELECT count(*) FROM audit_events WHERE sample_id = ?", privateSample));

        // And the owner may no longer share: the new cap governs PATCH too.
        Api.refusedWithoutChange(shared, () -> Api.patch(Tokens.of(owner), shared, "{\"visibility\": \"shared\"}"))
                .statusCode(403).body("code", equalTo("org_policy_violation"));
    }

    @Test
    void declaringPiiCapsAtPrivateAndIsTheCauseNamed() {
        Response answer = patchOrganization(Tokens.admin(admin), lab.id(),
                "{\"holds_pii\": true, \"max_visibility\": \"shared\"}").statusCode(200).extract().response();
        assertEquals(true, answer.jsonPath().getBoolean("holds_pii"));
        assertEquals("shared", answer.jsonPath().getString("max_visibility"));
        assertEquals("private", answer.jsonPath().getString("effective_max_visibility"));
        assertEquals(List.of("holds_pii", "max_visibility"),
                Db.column("SELECT field FROM policy_events WHERE organization_id = ? ORDER BY seq", lab.id()));
        assertEquals(List.of("holds_pii"), Db.column("SELECT DISTINCT p.field FROM audit_events a"
                + " JOIN policy_events p ON p.id = a.policy_event_id WHERE a.sample_id IN (?, ?, ?)",
                shared, sharedInProject, publicSample));
        assertEquals(0, Db.count("SELECT count(*) FROM samples WHERE owner_id = ? AND visibility <> 'private'",
                owner.id()));
    }

    @Test
    void loweringTheCapToSharedLowersOnlyWhatIsAboveIt() {
        patchOrganization(Tokens.admin(admin), lab.id(), "{\"max_visibility\": \"shared\"}").statusCode(200)
                .body("samples", equalTo(Map.of("private", 1, "shared", 3, "public", 0)));
        assertEquals("shared", Db.value("SELECT visibility FROM samples WHERE id = ?", publicSample));
        assertEquals("1", Db.value("SELECT version FROM samples WHERE id = ?", shared), "a sample at the cap moved");
        assertEquals(Set.of(shared, sharedInProject, publicSample),
                reachable(Tokens.of(colleague), List.of(shared, sharedInProject, publicSample, privateSample)));
        assertEquals(Set.of(), reachable(Tokens.of(stranger), List.of(publicSample)));
    }

    @Test
    void aMemberWhoIsNotAdminMayNeitherChangeNorAuditIt() {
        refused(403, "not_organization_admin",
                () -> patchOrganization(Tokens.of(colleague), lab.id(), "{\"max_visibility\": \"private\"}"));
        refused(403, "not_organization_admin",
                () -> given().auth().oauth2(Tokens.of(colleague)).get("/api/v1/organizations/{id}/events", lab.id())
                        .then());
        Leaks.error(Raw.patch(Tokens.of(colleague), "/api/v1/organizations/" + lab.id(), "application/json",
                Raw.utf8("{\"holds_pii\": true}")), 403);
    }

    /**
     * Only an organization's administrators get to lock its row: a member's refused change must not wait behind (or
     * hold up) the PATCHes that share it. A transaction holding the row as a PATCH does makes any lock attempt wait.
     */
    @Test
    void aMembersRefusedChangeLocksNothing() throws Exception {
        // First sight provisions the member, which writes the organization row: not part of what is measured here.
        given().auth().oauth2(Tokens.of(colleague)).get("/api/v1/account").then().statusCode(200);
        try (java.sql.Connection patch = java.sql.DriverManager.getConnection(
                System.getProperty(org.samplesapi.support.EmbeddedPostgresResource.SUPERUSER_URL_PROPERTY))) {
            patch.setAutoCommit(false);
            try (var statement = patch.prepareStatement("SELECT 1 FROM organizations WHERE id = ? FOR SHARE")) {
                statement.setString(1, lab.id());
                statement.executeQuery().close();
            }
            java.util.concurrent.CompletableFuture<Integer> refused = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> patchOrganization(Tokens.of(colleague), lab.id(), "{\"max_visibility\": \"private\"}")
                            .extract().statusCode());
            assertEquals(403, refused.get(10, java.util.concurrent.TimeUnit.SECONDS),
                    "the member's request waited for the organization row");
            patch.rollback();
        }
    }

    @Test
    void anAdminMayNotLoosenAndIsToldWhoMay() {
        Db.exec("UPDATE organizations SET max_visibility = 'shared', holds_pii = true WHERE id = ?", lab.id());
        for (String body : List.of("{\"holds_pii\": false}", "{\"max_visibility\": \"public\"}",
                "{\"holds_pii\": true, \"max_visibility\": \"public\"}")) {
            refused(403, "policy_loosening_requires_platform_admin",
                    () -> patchOrganization(Tokens.admin(admin), lab.id(), body)
                            .body("message", org.hamcrest.Matchers.containsString("needs a platform administrator")));
        }
    }

    @Test
    void aPlatformAdministratorLoosensAndTheChangeIsAudited() {
        Db.exec("UPDATE organizations SET max_visibility = 'private', holds_pii = true WHERE id = ?", lab.id());
        User platform = World.user(null);
        patchOrganization(Tokens.platformAdmin(platform), lab.id(), "{\"holds_pii\": false, \"max_visibility\":"
                + " \"public\"}").statusCode(200).body("effective_max_visibility", equalTo("public"));
        assertEquals(List.of("holds_pii:true>false:" + platform.id(), "max_visibility:private>public:" + platform.id()),
                Db.column("SELECT field || ':' || old_value || '>' || new_value || ':' || actor_id FROM policy_events"
                        + " WHERE organization_id = ? ORDER BY seq", lab.id()));
        assertEquals("shared", Db.value("SELECT visibility FROM samples WHERE id = ?", shared),
                "a loosening changed a sample");
        given().auth().oauth2(Tokens.platformAdmin(platform)).get("/api/v1/organizations/{id}/events", lab.id())
                .then().statusCode(200).body("size()", equalTo(2));
    }

    @Test
    void unchangedValuesAreNoChangeAndIfMatchGuardsTheRest() {
        String before = Db.organizationSnapshot(lab.id());
        patchOrganization(Tokens.admin(admin), lab.id(), "{\"max_visibility\": \"public\", \"holds_pii\": false}")
                .statusCode(200).header("ETag", "\"1\"");
        assertEquals(before, Db.organizationSnapshot(lab.id()), "values equal to the current ones were written");
        refused(412, "precondition_failed", () -> given().auth().oauth2(Tokens.admin(admin))
                .contentType(ContentType.JSON).header("If-Match", "\"7\"").body("{\"max_visibility\": \"shared\"}")
                .patch("/api/v1/organizations/{id}", lab.id()).then());
        given().auth().oauth2(Tokens.admin(admin)).contentType("application/merge-patch+json")
                .header("If-Match", "\"1\"").body("{\"max_visibility\": \"shared\"}")
                .patch("/api/v1/organizations/{id}", lab.id()).then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void badBodiesAreRefusedWithEveryProblemAndChangeNothing() {
        String admins = Tokens.admin(admin);
        refused(400, "validation_failed", () -> given().header(invalidOnPurpose()).auth().oauth2(admins)
                .contentType(ContentType.JSON).body(
                "{\"holds_pii\": \"yes\", \"max_visibility\": \"secret\", \"name\": \"Renamed\", \"color\": 1}")
                .patch("/api/v1/organizations/{id}", lab.id()).then().body("errors.size()", equalTo(4)));
        for (String body : List.of("[]", "{", "{\"max_visibility\": null}", "{\"holds_pii\": 1}",
                "{\"samples\": {}}", "{\"max_visibility\": \"private\", \"max_visibility\": \"public\"}")) {
            refused(400, "validation_failed", () -> given().header(invalidOnPurpose()).auth().oauth2(admins)
                    .contentType(ContentType.JSON).body(body).patch("/api/v1/organizations/{id}", lab.id()).then());
            Leaks.error(Raw.patch(admins, "/api/v1/organizations/" + lab.id(), "application/json", Raw.utf8(body)), 400);
        }
        refused(404, "not_found", () -> patchOrganization(admins, "not-an-id", "{\"holds_pii\": true}"));
        refused(415, null, () -> given().header(invalidOnPurpose()).auth().oauth2(admins).contentType(ContentType.TEXT)
                .body("holds_pii=true")
                .patch("/api/v1/organizations/{id}", lab.id()).then());
        assertTrue(Db.organizationSnapshot(lab.id()).contains("\"max_visibility\":\"public\""));
    }
}
