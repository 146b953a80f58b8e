package org.samplesapi.metadata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samplesapi.support.OpenApiConformance.invalidOnPurpose;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** /api/v1/metadata: list and get follow the sample's read rule; PATCH needs ownership or can_edit_metadata. */
@QuarkusTest
class MetadataHttpTest {

    private final Org org = World.openOrg();
    private final User owner = World.user(org);

    private static String metadataOf(String sampleId) {
        return Db.value("SELECT id FROM metadata WHERE sample_id = ?", sampleId);
    }

    private static String row(String metadataId) {
        return Db.value("SELECT row_to_json(m)::text FROM metadata m WHERE id = ?", metadataId);
    }

    private static ValidatableResponse patch(User caller, String metadataId, String json) {
        return given().auth().oauth2(Tokens.of(caller)).contentType(ContentType.JSON).body(json)
                .when().patch("/api/v1/metadata/{id}", metadataId).then();
    }

    /** A body the document does not allow, sent on purpose. */
    private static ValidatableResponse patchInvalid(User caller, String metadataId, String json) {
        return given().header(invalidOnPurpose()).auth().oauth2(Tokens.of(caller)).contentType(ContentType.JSON)
                .body(json).when().patch("/api/v1/metadata/{id}", metadataId).then();
    }

    private static ValidatableResponse unchanged(String metadataId, Supplier<ValidatableResponse> request) {
        String before = row(metadataId);
        ValidatableResponse response = request.get();
        assertEquals(before, row(metadataId), "a refused metadata PATCH changed the record");
        return response;
    }

    @Test
    void theOwnerEditsAndReadsBack() {
        String m = metadataOf(World.sample(owner, "private"));
        patch(owner, m, """
                {"name": "Soil core 7", "platform": "Illumina MiSeq", "library_type": "WGS", "location_lat": 38.54,
                 "location_lon": -121.74, "date_collected": "2024-05-01T10:00:00+00:00", "starred": true,
                 "custom": {"depth_cm": 30, "site": "B", "frozen": false, "note": null}}""")
                .statusCode(200)
                .body("name", equalTo("Soil core 7"))
                .body("platform", equalTo("Illumina MiSeq"))
                .body("custom.depth_cm", equalTo(30))
                .body("date_collected", equalTo("2024-05-01T10:00:00.000000+00:00"))
                .body("starred", equalTo(true));
        given().auth().oauth2(Tokens.of(owner)).get("/api/v1/metadata/{id}", m).then().statusCode(200)
                .body("location_lat", equalTo(38.54f)).body("custom.site", equalTo("B"));
        patch(owner, m, "{\"platform\": null}").statusCode(200).body("platform", equalTo(null));
    }

    @Test
    void projectMembersNeedCanEditMetadata() {
        User editor = World.user(World.openOrg());
        User viewer = World.user(World.openOrg());
        String project = World.project(owner, false);
        World.member(project, editor, "can_see_files", "can_edit_metadata");
        World.member(project, viewer, "can_see_files", "can_add_files");
        String m = metadataOf(World.sample(owner, "shared", "available", project));
        patch(editor, m, "{\"description\": \"checked\"}").statusCode(200).body("description", equalTo("checked"));
        unchanged(m, () -> patch(viewer, m, "{\"description\": \"nope\"}"))
                .statusCode(403).body("code", equalTo("metadata_permission_denied"));
        unchanged(m, () -> patch(World.user(World.openOrg()), m, "{\"description\": \"nope\"}"))
                .statusCode(404).body("code", equalTo("not_found"));
    }

    /**
     * Editing follows the read rule first: a project member without can_see_files cannot read the sample, so its
     * metadata is not found for them, with can_edit_metadata or without (a 403 would say that it exists).
     */
    @Test
    void membersWhoCannotSeeTheSampleDoNotFindItsMetadata() {
        User blindEditor = World.user(World.openOrg());
        User uploader = World.user(World.openOrg());
        String project = World.project(owner, false);
        World.member(project, blindEditor, "can_edit_metadata");
        World.member(project, uploader, "can_add_files");
        String m = metadataOf(World.sample(owner, "shared", "available", project));
        for (User member : new User[] {blindEditor, uploader}) {
            given().auth().oauth2(Tokens.of(member)).get("/api/v1/metadata/{id}", m).then().statusCode(404);
            unchanged(m, () -> patch(member, m, "{\"description\": \"nope\"}"))
                    .statusCode(404).body("code", equalTo("not_found"));
        }
    }

    @Test
    void badValuesAre400AndChangeNothing() {
        String m = metadataOf(World.sample(owner, "private"));
        for (String body : new String[] {"{\"platform\": \"Illumina MegaSeq\"}", "{\"location_lat\": 91}",
                "{\"location_lon\": \"east\"}", "{\"custom\": {\"nested\": {\"a\": 1}}}", "{\"custom\": [1]}",
                "{\"sample\": \"x\"}", "{\"$uri\": \"x\"}", "{\"colour\": \"red\"}", "{\"starred\": \"yes\"}",
                "{\"date_collected\": \"yesterday\"}", "{\"external_sample_id\": \"" + "x".repeat(61) + "\"}",
                "{\"library_type\": \"16S\"}"}) {
            unchanged(m, () -> patchInvalid(owner, m, body)).statusCode(400).body("status", equalTo(400));
        }
    }

    /** As the public client reads metadata: cursor paging, expand=all, where and sort always sent. */
    @Test
    void cursorPagingVisitsEveryRecordOnce() {
        List<String> expected = new ArrayList<>();
        List<String> sampleRefs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String sample = World.sample(owner, "private");
            expected.add("/api/v1/metadata/" + metadataOf(sample));
            sampleRefs.add("\"/api/v1/samples/" + sample + "\"");
        }
        String where = "{\"sample\": {\"$in\": [" + String.join(", ", sampleRefs) + "]}}";
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(Tokens.of(owner)).header("X-Pagination-Style", "cursor")
                    .queryParam("per_page", 2).queryParam("expand", "all").queryParam("where", where)
                    .queryParam("sort", "{}");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/metadata");
            assertEquals(200, page.statusCode(), page.asString());
            seen.addAll(page.jsonPath().getList("$uri", String.class));
            // expand=all is accepted; references stay references.
            assertTrue(page.jsonPath().getList("sample.$ref", String.class).stream()
                    .allMatch(ref -> sampleRefs.contains("\"" + ref + "\"")), page.asString());
            cursor = page.header("X-Next-Cursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(5, seen.size(), seen.toString());
        assertEquals(Set.copyOf(expected), Set.copyOf(seen));
    }

    @Test
    void theListFollowsTheReadRule() {
        String mine = metadataOf(World.sample(owner, "private"));
        patch(owner, mine, "{\"platform\": \"PacBio RS II\", \"external_sample_id\": \"EXT-" + owner.id() + "\"}")
                .statusCode(200);
        String where = "{\"external_sample_id\": \"EXT-" + owner.id() + "\"}";
        given().auth().oauth2(Tokens.of(owner)).queryParam("where", where).get("/api/v1/metadata")
                .then().statusCode(200).header("X-Total-Count", "1").body("[0].$uri", equalTo("/api/v1/metadata/" + mine));
        given().auth().oauth2(Tokens.of(World.user(World.openOrg()))).queryParam("where", where)
                .get("/api/v1/metadata").then().statusCode(200).header("X-Total-Count", "0");
        given().auth().oauth2(Tokens.of(owner)).queryParam("where", "{\"starred\": {\"$eq\": \"yes\"}}")
                .get("/api/v1/metadata").then().statusCode(400);
    }
}
