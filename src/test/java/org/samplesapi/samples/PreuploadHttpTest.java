package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samplesapi.support.OpenApiConformance.invalidOnPurpose;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** POST /api/v1/samples/preupload: a private sample awaiting data, under PATCH's project and tag rules. */
@QuarkusTest
class PreuploadHttpTest {

    private final User owner = World.user(World.openOrg());

    private ValidatableResponse preupload(User caller, String json) {
        return given().auth().oauth2(Tokens.of(caller)).contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/samples/preupload").then();
    }

    /** A body the OpenAPI document does not allow, sent on purpose. */
    private ValidatableResponse preuploadInvalid(User caller, String json) {
        return given().header(invalidOnPurpose()).auth().oauth2(Tokens.of(caller)).contentType(ContentType.JSON)
                .body(json).when().post("/api/v1/samples/preupload").then();
    }

    /** Everything a preupload could create: samples, their metadata and tag links, tags, and audit events. */
    private static String footprint() {
        return Db.value("""
                SELECT concat_ws(' | ',
                  (SELECT count(*) FROM samples), (SELECT count(*) FROM metadata), (SELECT count(*) FROM sample_tags),
                  (SELECT coalesce(json_agg(t ORDER BY t.id)::text, '[]') FROM tags t),
                  (SELECT count(*) FROM audit_events))
                """);
    }

    @Test
    void createsASampleAwaitingDataWithMetadataProjectAndNamedTags() {
        String project = World.project(owner, false);
        String existing = World.tag(owner, "WGS");
        String sampleId = preupload(owner, "{\"metadata\": {\"name\": \"Run 12\", \"platform\": \"Illumina MiSeq\"},"
                + " \"project\": {\"$ref\": \"/api/v1/projects/" + project + "\"},"
                + " \"tags\": [{\"name\": \"WGS\"}, {\"name\": \"new tag\"}, {\"name\": \"WGS\"}]}")
                .statusCode(201)
                .extract().path("sample_id");
        String newTag = Db.value("SELECT id FROM tags WHERE owner_id = ? AND name = 'new tag'", owner.id());
        String metadataUri = given().auth().oauth2(Tokens.of(owner)).get("/api/v1/samples/{id}", sampleId)
                .then().statusCode(200)
                .body("status", equalTo("awaiting_data"))
                .body("visibility", equalTo("private"))
                .body("owner.$ref", equalTo("/api/v1/users/" + owner.id()))
                .body("project.$ref", equalTo("/api/v1/projects/" + project))
                .body("tags.$ref", contains("/api/v1/tags/" + existing, "/api/v1/tags/" + newTag))
                .body("filename", equalTo(null))
                .extract().path("metadata.$ref");
        given().auth().oauth2(Tokens.of(owner)).get(metadataUri).then().statusCode(200)
                .body("name", equalTo("Run 12")).body("platform", equalTo("Illumina MiSeq"));
        preupload(owner, "{}").statusCode(201).body("sample_id", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{16}"));
    }

    @Test
    void projectAndTagRulesAreThoseOfPatch() {
        User lead = World.user(World.openOrg());
        String readOnly = World.project(lead, false);
        World.member(readOnly, owner, "can_see_files");
        String hidden = World.project(lead, false);
        String foreignTag = World.tag(lead, "secret");
        String before = footprint();
        preupload(owner, "{\"project\": \"" + readOnly + "\"}").statusCode(403)
                .body("code", equalTo("project_permission_denied"));
        preupload(owner, "{\"project\": \"" + hidden + "\"}").statusCode(404).body("item.$id", equalTo(hidden));
        preuploadInvalid(owner, "{\"tags\": [\"" + foreignTag + "\"]}").statusCode(400);
        preuploadInvalid(owner, "{\"tags\": [{\"name\": \"" + "x".repeat(31) + "\"}]}").statusCode(400);
        // A refusal after the tags were named: neither the new tag nor the sample may remain.
        preupload(owner, "{\"tags\": [{\"name\": \"fresh\"}], \"project\": \"" + readOnly + "\"}").statusCode(403);
        preupload(owner, "{\"tags\": [{\"name\": \"fresh\"}], \"metadata\": {\"platform\": \"Abacus\"}}")
                .statusCode(400);
        preupload(owner, "{\"metadata\": {\"platform\": \"Abacus\"}}").statusCode(400)
                .body("errors[0].path[0]", equalTo("metadata")).body("errors[0].path[1]", equalTo("platform"));
        preuploadInvalid(owner, "{\"visibility\": \"public\"}").statusCode(400);
        preuploadInvalid(owner, "{\"filename\": \"x.fastq\"}").statusCode(400);
        assertEquals(before, footprint(), "a refused preupload wrote");
    }
}
