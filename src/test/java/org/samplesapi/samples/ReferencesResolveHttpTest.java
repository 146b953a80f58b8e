package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every {@code $ref} in a sample resolves with GET for whoever may read the sample, and for nobody else: users,
 * tags, metadata and classifications follow the sample's read rule. A project is the exception: a private one
 * resolves for its owner and members only, whatever samples are in it.
 */
@QuarkusTest
class ReferencesResolveHttpTest {

    private final Org org = World.openOrg();
    private final User owner = World.user(org);
    private final User colleague = World.user(org);
    private final User stranger = World.user(World.openOrg());

    private String sampleIn(String visibility) {
        String project = World.project(owner, false);
        return World.sample(owner, visibility, "available", project, World.tag(owner, "WGS " + project),
                World.tag(owner, "16S " + project));
    }

    /** Every reference of the sample as the reader sees it. */
    @SuppressWarnings("unchecked")
    private static List<String> refs(String token, String sampleId) {
        Response sample = given().auth().oauth2(token).get("/api/v1/samples/{id}", sampleId);
        assertEquals(200, sample.statusCode());
        List<String> refs = new ArrayList<>();
        for (String member : List.of("owner", "project", "metadata", "primary_classification")) {
            Map<String, String> ref = sample.jsonPath().getMap(member);
            refs.add(ref.get("$ref"));
        }
        for (Object tag : sample.jsonPath().getList("tags")) {
            refs.add(((Map<String, String>) tag).get("$ref"));
        }
        return refs;
    }

    /** Every reference resolves for the reader, except a private project they are no member of. */
    private static void resolves(String token, List<String> refs, boolean projectMember) {
        for (String ref : refs) {
            boolean hiddenProject = ref.startsWith("/api/v1/projects/") && !projectMember;
            given().auth().oauth2(token).get(ref).then().statusCode(hiddenProject ? 404 : 200)
                    .body("$uri", hiddenProject ? equalTo(null) : equalTo(ref));
        }
    }

    @Test
    void everyReaderResolvesEveryReferenceButAnotherOnesPrivateProject() {
        String secret = sampleIn("private");
        String shared = sampleIn("shared");
        String open = sampleIn("public");
        resolves(Tokens.of(owner), refs(Tokens.of(owner), secret), true);
        resolves(Tokens.of(colleague), refs(Tokens.of(colleague), shared), false);
        resolves(Tokens.of(stranger), refs(Tokens.of(stranger), open), false);
    }

    @Test
    void referencesOfAnUnreadableSampleAreNotFound() {
        String secret = sampleIn("private");
        for (String ref : refs(Tokens.of(owner), secret)) {
            given().auth().oauth2(Tokens.of(stranger)).get(ref).then().statusCode(404)
                    .body("status", equalTo(404)).body("code", equalTo("not_found"));
        }
    }

    @Test
    void projectPermissionsAreTheCallersOwn() {
        String project = World.project(owner, false);
        World.member(project, colleague, "can_see_files", "can_add_files");
        given().auth().oauth2(Tokens.of(owner)).get("/api/v1/projects/{id}", project).then().statusCode(200)
                .body("permissions", containsInAnyOrder("can_see_files", "can_add_files", "can_edit_metadata",
                        "can_download_files", "can_incur_charges", "can_administer"))
                .body("owner.$ref", equalTo("/api/v1/users/" + owner.id()));
        given().auth().oauth2(Tokens.of(colleague)).get("/api/v1/projects/{id}", project).then().statusCode(200)
                .body("permissions", containsInAnyOrder("can_see_files", "can_add_files"));
        given().auth().oauth2(Tokens.of(stranger)).get("/api/v1/projects/{id}", project).then().statusCode(404);
    }

    @Test
    void theAccountIsTheCaller() {
        given().auth().oauth2(Tokens.of(colleague)).get("/api/v1/account").then().statusCode(200)
                .body("user.$ref", equalTo("/api/v1/users/" + colleague.id()))
                .body("email", equalTo(colleague.email()));
        given().auth().oauth2(Tokens.of(colleague)).get("/api/v1/users/{id}", owner.id()).then().statusCode(200)
                .body("email", equalTo(owner.email()));
        given().auth().oauth2(Tokens.of(stranger)).get("/api/v1/users/{id}", owner.id()).then().statusCode(404);
    }
}
