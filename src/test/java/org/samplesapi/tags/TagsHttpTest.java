package org.samplesapi.tags;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samplesapi.support.Api.refusedWithoutChange;
import static org.samplesapi.support.OpenApiConformance.invalidOnPurpose;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** /api/v1/tags: list the tags one sees; POST creates (or reuses) one's tag by name and attaches it to a sample. */
@QuarkusTest
class TagsHttpTest {

    private final Org org = World.openOrg();
    private final User owner = World.user(org);

    private ValidatableResponse post(User caller, String json) {
        return given().auth().oauth2(Tokens.of(caller)).contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/tags").then();
    }

    @Test
    void postCreatesOrReusesTheCallersTagAndAttachesIt() {
        String id = World.sample(owner, "private");
        String first = post(owner, "{\"name\": \"soil\", \"sample\": {\"$ref\": \"/api/v1/samples/" + id + "\"}}")
                .statusCode(201).body("name", equalTo("soil")).extract().path("$uri");
        String again = post(owner, "{\"name\": \"soil\", \"sample\": \"" + id + "\"}")
                .statusCode(201).extract().path("$uri");
        assertEquals(first, again, "the same name is the same tag");
        given().auth().oauth2(Tokens.of(owner)).get("/api/v1/samples/{id}", id).then().statusCode(200)
                .header("ETag", "\"2\"").body("tags.$ref", equalTo(java.util.List.of(first)));
        assertEquals(1, Db.count("SELECT count(*) FROM tags WHERE owner_id = ? AND name = 'soil'", owner.id()));
    }

    @Test
    void onlyThoseWhoMayModifyTheSampleMayTagIt() {
        String shared = World.sample(owner, "shared");
        String secret = World.sample(owner, "private");
        String tags = allTags();
        refusedWithoutChange(shared, () -> post(World.user(org), "{\"name\": \"x\", \"sample\": \"" + shared + "\"}"))
                .statusCode(403).body("code", equalTo("not_sample_owner"));
        refusedWithoutChange(secret, () -> post(World.user(World.openOrg()),
                "{\"name\": \"x\", \"sample\": \"" + secret + "\"}"))
                .statusCode(404);
        assertEquals(tags, allTags(), "a refused tagging created a tag");
    }

    /** The whole tags table: a refused POST must not leave a tag behind, whoever's it would be. */
    private static String allTags() {
        return Db.value("SELECT coalesce(json_agg(t ORDER BY t.id)::text, '[]') FROM tags t");
    }

    @Test
    void badBodiesAre400() {
        String id = World.sample(owner, "private");
        for (String body : new String[] {"{}", "{\"name\": \"\", \"sample\": \"" + id + "\"}",
                "{\"name\": \"" + "x".repeat(31) + "\", \"sample\": \"" + id + "\"}", "{\"name\": \"x\"}",
                "{\"name\": \"x\", \"sample\": {\"$ref\": \"/api/v1/projects/" + id + "\"}}",
                "{\"name\": \"x\", \"sample\": \"" + id + "\", \"owner\": \"y\"}", "[]"}) {
            String tags = allTags();
            refusedWithoutChange(id, () -> given().header(invalidOnPurpose()).auth().oauth2(Tokens.of(owner))
                    .contentType(ContentType.JSON).body(body).when().post("/api/v1/tags").then())
                    .statusCode(400).body("status", equalTo(400));
            assertEquals(tags, allTags(), "a refused body created a tag: " + body);
        }
    }

    @Test
    void theListShowsOwnAndOrganizationTagsButNotStrangers() {
        String mine = World.tag(owner, "mine-" + World.newId().substring(0, 6));
        String colleagues = World.tag(World.user(org), "theirs-" + World.newId().substring(0, 6));
        String strangers = World.tag(World.user(World.openOrg()), "secret-" + World.newId().substring(0, 6));
        given().auth().oauth2(Tokens.of(owner)).queryParam("per_page", 1000).get("/api/v1/tags")
                .then().statusCode(200)
                .body("$uri", hasItem("/api/v1/tags/" + mine))
                .body("$uri", hasItem("/api/v1/tags/" + colleagues))
                .body("$uri", not(hasItem("/api/v1/tags/" + strangers)));
        given().auth().oauth2(Tokens.of(owner)).queryParam("where", "{\"name\": {\"$startswith\": \"mine-\"}}")
                .get("/api/v1/tags").then().statusCode(200).header("X-Total-Count", "1")
                .body("[0].$uri", equalTo("/api/v1/tags/" + mine));
    }
}
