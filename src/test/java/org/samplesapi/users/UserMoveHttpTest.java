package org.samplesapi.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samplesapi.support.OpenApiConformance.invalidOnPurpose;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Api;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A platform administrator moves a user to another organization through the API: in one transaction the user's
 * samples above the new organization's cap are lowered to it, audited by the administrator, and the user's tokens
 * then name the new organization. Nobody else may move anyone, themselves included, and every refusal writes nothing.
 */
@QuarkusTest
class UserMoveHttpTest {

    private Org lab;
    private Org clinic;
    private User member;
    private User platformAdmin;
    private String publicSample;
    private String sharedSample;
    private String privateSample;

    @BeforeEach
    void world() {
        lab = World.openOrg();
        clinic = World.org("private", true);
        member = World.user(lab);
        platformAdmin = World.user(World.openOrg());
        publicSample = World.sample(member, "public");
        sharedSample = World.sample(member, "shared");
        privateSample = World.sample(member, "private");
        given().auth().oauth2(Tokens.of(member)).get("/api/v1/account").then().statusCode(200);
    }

    private ValidatableResponse move(String token, User user, String organizationId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"organization\": {\"$ref\": \"/api/v1/organizations/" + organizationId + "\"}}")
                .patch("/api/v1/users/{id}", user.id()).then();
    }

    private void refused(int status, String code, Supplier<ValidatableResponse> request) {
        String before = Db.accountSnapshot(member.id()) + Db.organizationSnapshot(lab.id())
                + Db.organizationSnapshot(clinic.id());
        request.get().statusCode(status).contentType(ContentType.JSON).body("code", equalTo(code))
                .body("status", equalTo(status));
        assertEquals(before, Db.accountSnapshot(member.id()) + Db.organizationSnapshot(lab.id())
                + Db.organizationSnapshot(clinic.id()), "a refused move changed the database");
    }

    @Test
    void aPlatformAdministratorMovesAUserAndTheirSamplesFollowTheNewPolicy() {
        String privateBefore = Db.sampleSnapshot(privateSample);
        move(Tokens.platformAdmin(platformAdmin), member, clinic.id()).statusCode(200)
                .body("organization.$ref", equalTo("/api/v1/organizations/" + clinic.id()))
                .header("ETag", "\"2\"");
        assertEquals(clinic.id(), Db.value("SELECT organization_id FROM users WHERE id = ?", member.id()));
        for (String sample : List.of(publicSample, sharedSample)) {
            assertEquals("private", Db.value("SELECT visibility FROM samples WHERE id = ?", sample));
            assertEquals(List.of(platformAdmin.id()), Db.column("SELECT actor_id FROM audit_events"
                    + " WHERE sample_id = ? AND new_value = 'private'", sample), "the lowering is the administrator's");
        }
        assertEquals(privateBefore, Db.sampleSnapshot(privateSample), "a sample within the cap was touched");
        // Readers follow: strangers and the old colleagues lose the samples, the new organization's admin has them.
        Api.get(Tokens.of(World.user(World.openOrg())), publicSample).statusCode(404);
        Api.get(Tokens.of(World.user(lab)), sharedSample).statusCode(404);
        Api.get(Tokens.admin(World.user(clinic)), sharedSample).statusCode(200);
        // The user's tokens: the new organization works at once, the old one is refused (not cached here).
        String asMember = Tokens.sign(Tokens.claims(new User(member.id(), member.subject(), member.email(), clinic)));
        Api.patch(asMember, publicSample, "{\"visibility\": \"shared\"}").statusCode(403)
                .body("code", equalTo("org_policy_violation"));
        given().auth().oauth2(Tokens.of(member)).get("/api/v1/account").then().statusCode(403)
                .body("code", equalTo("organization_changed"));
    }

    /**
     * The move is a policy event on the account and on both organizations, even when it lowers nothing, with the
     * request id the service made and the caller's beside it; the lowered samples name it as their cause.
     */
    @Test
    void aMoveIsAuditedOnTheUserAndBothOrganizations() {
        Org elsewhere = World.openOrg();
        String admin = Tokens.platformAdmin(platformAdmin);
        String claimed = "the-" + World.newId();
        given().auth().oauth2(admin).header("X-Request-Id", claimed).contentType(ContentType.JSON)
                .body("{\"organization\": \"" + elsewhere.id() + "\"}").patch("/api/v1/users/{id}", member.id())
                .then().statusCode(200).header("X-Request-Id", claimed);
        String organizations = "/api/v1/organizations/";
        var account = given().auth().oauth2(admin).get("/api/v1/users/{id}/events", member.id()).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("organization"), account.getList("field"));
        assertEquals(organizations + lab.id(), account.getString("[0].old_value"));
        assertEquals(organizations + elsewhere.id(), account.getString("[0].new_value"));
        assertEquals("/api/v1/users/" + platformAdmin.id(), account.getString("[0].actor.$ref"));
        assertEquals(claimed, account.getString("[0].client_request_id"));
        String requestId = account.getString("[0].request_id");
        assertTrue(requestId.matches("[0-9a-f-]{36}") && !requestId.equals(claimed), requestId);
        for (Org org : List.of(lab, elsewhere)) {
            var events = given().auth().oauth2(admin).get("/api/v1/organizations/{id}/events", org.id()).then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(List.of("organization"), events.getList("field"), org.id());
            assertEquals("/api/v1/users/" + member.id(), events.getString("[0].member.$ref"));
            assertEquals(organizations + elsewhere.id(), events.getString("[0].new_value"));
            assertEquals(requestId, events.getString("[0].request_id"));
        }

        // Into the clinic: the lowered samples name the move as their cause.
        move(admin, member, clinic.id()).statusCode(200);
        String moveEvent = Db.value("SELECT id FROM policy_events WHERE account_id = ? AND new_value = ?",
                member.id(), clinic.id());
        assertEquals(List.of(moveEvent, moveEvent), Db.column("SELECT policy_event_id FROM audit_events"
                + " WHERE sample_id IN (?, ?) AND new_value = 'private'", publicSample, sharedSample));
        assertEquals(1, Db.count("SELECT count(*) FROM policy_events WHERE organization_id = ? AND member_id = ?"
                + " AND old_value = ?", elsewhere.id(), member.id(), elsewhere.id()), "the leaving is on record");
    }

    @Test
    void nobodyElseMovesAnyoneAndNothingChanges() {
        refused(403, "not_platform_admin", () -> move(Tokens.of(member), member, clinic.id()));
        refused(403, "not_platform_admin", () -> move(Tokens.admin(World.user(lab)), member, clinic.id()));
        refused(403, "not_platform_admin", () -> move(Tokens.admin(World.user(clinic)), member, clinic.id()));
        // A stranger sees the member through their public sample: told no, not "not found".
        refused(403, "not_platform_admin", () -> move(Tokens.of(World.user(World.openOrg())), member, clinic.id()));
        // The account route never moves anyone: the organization is read-only there, for platform admins too.
        refused(400, "validation_failed", () -> given().auth().oauth2(Tokens.platformAdmin(member))
                .contentType(ContentType.JSON).body("{\"organization\": \"" + clinic.id() + "\"}")
                .patch("/api/v1/account").then());
    }

    @Test
    void aMoveToAnUnknownOrganizationOrWithABadReferenceChangesNothing() {
        String nowhere = World.newId();
        refused(404, "not_found", () -> move(Tokens.platformAdmin(platformAdmin), member, nowhere)
                .body("item.$type", equalTo("organizations")).body("item.$id", equalTo(nowhere)));
        refused(400, "validation_failed", () -> given().auth().oauth2(Tokens.platformAdmin(platformAdmin))
                .contentType(ContentType.JSON).body("{\"organization\": {\"$ref\": \"/api/v1/projects/"
                        + clinic.id() + "\"}}").patch("/api/v1/users/{id}", member.id()).then()
                .body("errors[0].path[0]", equalTo("organization")));
        refused(400, "validation_failed", () -> given().header(invalidOnPurpose())
                .auth().oauth2(Tokens.platformAdmin(platformAdmin)).contentType(ContentType.JSON)
                .body("{\"organization\": null}")
                .patch("/api/v1/users/{id}", member.id()).then());
        // A stale If-Match refuses the move too.
        refused(412, "precondition_failed", () -> given().auth().oauth2(Tokens.platformAdmin(platformAdmin))
                .header("If-Match", "\"7\"").contentType(ContentType.JSON)
                .body("{\"organization\": \"" + clinic.id() + "\"}").patch("/api/v1/users/{id}", member.id()).then());
    }
}
