package org.samplesapi.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samplesapi.support.OpenApiConformance.invalidOnPurpose;

import java.util.List;
import java.util.Set;
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
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * An account's policy through the API: its user tightens it (and their samples follow), only a platform
 * administrator loosens it or reaches another user's, and every refusal writes nothing.
 */
@QuarkusTest
class AccountPolicyHttpTest {

    private Org lab;
    private User user;
    private User colleague;
    private String shared;
    private String publicSample;

    @BeforeEach
    void world() {
        lab = World.openOrg();
        user = World.user(lab);
        colleague = World.user(lab);
        shared = World.sample(user, "shared");
        publicSample = World.sample(user, "public");
        // First sight of a token refreshes the user row; after it, a refused request must leave the row as it is.
        for (User known : List.of(user, colleague)) {
            given().auth().oauth2(Tokens.of(known)).get("/api/v1/account").then().statusCode(200);
        }
    }

    private static ValidatableResponse patch(String token, String path, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json).patch(path).then();
    }

    /** A body the document does not allow, sent on purpose. */
    private static ValidatableResponse patchInvalid(String token, String path, String json) {
        return given().header(invalidOnPurpose()).auth().oauth2(token).contentType(ContentType.JSON).body(json)
                .patch(path).then();
    }

    private void refused(User account, int status, String code, Supplier<ValidatableResponse> request) {
        String before = Db.accountSnapshot(account.id());
        request.get().statusCode(status).contentType(ContentType.JSON).body("code", equalTo(code));
        assertEquals(before, Db.accountSnapshot(account.id()), "a refused request changed the database");
    }

    @Test
    void theAccountShowsItsPolicyAndETag() {
        JsonPath account = given().auth().oauth2(Tokens.of(user)).get("/api/v1/account").then().statusCode(200)
                .header("ETag", "\"1\"").extract().jsonPath();
        assertEquals("/api/v1/users/" + user.id(), account.getString("user.$ref"));
        assertEquals(user.email(), account.getString("email"));
        assertEquals("public", account.getString("max_visibility"));
        assertEquals(false, account.getBoolean("holds_pii"));
        assertEquals(List.of(), account.getList("coupons"));
    }

    @Test
    void aUserTightensTheirOwnAccountAndTheirSamplesFollow() {
        String stranger = Tokens.of(World.user(World.openOrg()));
        Api.get(stranger, publicSample).statusCode(200);
        patch(Tokens.of(user), "/api/v1/account", "{\"max_visibility\": \"private\"}").statusCode(200)
                .header("ETag", "\"2\"").body("max_visibility", equalTo("private"));
        Api.get(stranger, publicSample).statusCode(404);
        Api.get(Tokens.of(colleague), shared).statusCode(404);
        for (String id : List.of(shared, publicSample)) {
            assertEquals("private", Db.value("SELECT visibility FROM samples WHERE id = ?", id));
            JsonPath trail = given().auth().oauth2(Tokens.of(user)).get("/api/v1/samples/{id}/events", id).then()
                    .statusCode(200).extract().jsonPath();
            assertEquals("/api/v1/users/" + user.id(), trail.getString("[0].cause.account.$ref"));
            assertEquals("max_visibility", trail.getString("[0].cause.field"));
        }
        given().auth().oauth2(Tokens.of(user)).get("/api/v1/account/events").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].account.$ref", equalTo("/api/v1/users/" + user.id()))
                .body("[0].organization", equalTo(null)).body("[0].new_value", equalTo("private"));
        // PATCH /api/v1/users/{own id} is the same route for oneself.
        patch(Tokens.of(user), "/api/v1/users/" + user.id(), "{\"holds_pii\": true}").statusCode(200)
                .body("holds_pii", equalTo(true));
    }

    @Test
    void aUserMayNotLoosenTheirAccount() {
        Db.exec("UPDATE users SET max_visibility = 'shared' WHERE id = ?", user.id());
        for (String path : List.of("/api/v1/account", "/api/v1/users/" + user.id())) {
            refused(user, 403, "policy_loosening_requires_platform_admin",
                    () -> patch(Tokens.admin(user), path, "{\"max_visibility\": \"public\"}"));
        }
    }

    @Test
    void anotherUsersPolicyIsForPlatformAdministratorsOnly() {
        refused(user, 403, "not_platform_admin",
                () -> patch(Tokens.admin(colleague), "/api/v1/users/" + user.id(), "{\"holds_pii\": true}"));
        refused(user, 403, "not_platform_admin",
                () -> given().auth().oauth2(Tokens.of(colleague)).get("/api/v1/users/{id}/events", user.id()).then());
        // The colleague owns no sample a stranger could read: to the stranger they do not exist.
        String stranger = Tokens.of(World.user(World.openOrg()));
        refused(colleague, 404, "not_found",
                () -> patch(stranger, "/api/v1/users/" + colleague.id(), "{\"holds_pii\": true}"));
        refused(colleague, 404, "not_found",
                () -> given().auth().oauth2(stranger).get("/api/v1/users/{id}/events", colleague.id()).then());
        // The user owns a public sample, so anyone may see them, and is told it is not theirs to change.
        refused(user, 403, "not_platform_admin",
                () -> patch(stranger, "/api/v1/users/" + user.id(), "{\"holds_pii\": true}"));
        refused(user, 404, "not_found",
                () -> patch(stranger, "/api/v1/users/" + World.newId(), "{\"holds_pii\": true}"));
    }

    @Test
    void aPlatformAdministratorLoosensAnyAccount() {
        Db.exec("UPDATE users SET max_visibility = 'private', holds_pii = true WHERE id = ?", user.id());
        User platform = World.user(null);
        patch(Tokens.platformAdmin(platform), "/api/v1/users/" + user.id(),
                "{\"holds_pii\": false, \"max_visibility\": \"public\"}").statusCode(200)
                .body("user.$ref", equalTo("/api/v1/users/" + user.id())).body("max_visibility", equalTo("public"));
        given().auth().oauth2(Tokens.platformAdmin(platform)).get("/api/v1/users/{id}/events", user.id()).then()
                .statusCode(200).body("actor.$ref", equalTo(List.of("/api/v1/users/" + platform.id(),
                        "/api/v1/users/" + platform.id())));
        // The user's PATCHes now run under the loosened policy.
        Api.patch(Tokens.of(user), shared, "{\"visibility\": \"public\"}").statusCode(200);
    }

    @Test
    void badBodiesAndStaleETagsChangeNothing() {
        for (String body : List.of("{\"email\": \"x@example.org\"}", "{\"holds_pii\": null}", "{\"max_visibility\": 3}",
                "{\"organization\": null}", "[]")) {
            refused(user, 400, "validation_failed", () -> patchInvalid(Tokens.of(user), "/api/v1/account", body));
        }
        refused(user, 412, "precondition_failed", () -> given().auth().oauth2(Tokens.of(user))
                .contentType(ContentType.JSON).header("If-Match", "\"9\"").body("{\"holds_pii\": true}")
                .patch("/api/v1/account").then());
        assertEquals(Set.of("public"), Set.copyOf(Db.column("SELECT visibility FROM samples WHERE id = ?",
                publicSample)));
    }
}
