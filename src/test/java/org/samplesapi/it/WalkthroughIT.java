package org.samplesapi.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.samplesapi.support.Api;
import org.samplesapi.support.DemoUsers;
import org.samplesapi.support.Management;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The README walkthrough, step by step, against the packaged application (the jar; with -Dnative the native
 * executable) on the dev demo data. Only HTTP and the database are used, so the same suite runs on either.
 */
@QuarkusIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkthroughIT {

    private static final String ALICES_SAMPLE = "5a00000000000001";
    private static final String FRANKS_PII_SAMPLE = "5a00000000000002";
    private static final String BOBS_SAMPLE = "5a00000000000003";
    private static final String DANS_SAMPLE = "5a00000000000004";
    private static final String DANS_OTHER_SAMPLE = "5a0000000000007b";
    private static final String ERINS_SHARED_SAMPLE = "5a00000000000084";
    private static final String SOIL_SURVEY = "9000000000000001";
    private static final String OPEN_MICROBIOME = "0000000000000a01";

    @BeforeAll
    static void demoData() {
        DemoUsers.loadData();
    }

    @Test
    @Order(1)
    void getASample() {
        given().auth().oauth2(DemoUsers.token("alice"))
                .when().get("/api/v1/samples/{id}", ALICES_SAMPLE)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("filename", equalTo("SRR2352186.fastq.gz"))
                .body("visibility", equalTo("private"))
                .body("owner.$ref", equalTo("/api/v1/users/00000000000000a1"));
    }

    @Test
    @Order(2)
    void makeItPublic() {
        given().auth().oauth2(DemoUsers.token("alice")).contentType(ContentType.JSON)
                .body("{\"visibility\": \"public\"}")
                .when().patch("/api/v1/samples/{id}", ALICES_SAMPLE)
                .then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("visibility", equalTo("public"));
    }

    @Test
    @Order(3)
    void thePiiOrganizationMayNotShare() {
        Api.refusedWithoutChange(FRANKS_PII_SAMPLE, () -> given().auth().oauth2(DemoUsers.token("frank"))
                .contentType(ContentType.JSON)
                .body("{\"visibility\": \"shared\"}")
                .when().patch("/api/v1/samples/{id}", FRANKS_PII_SAMPLE)
                .then())
                .statusCode(403)
                .body("code", equalTo("org_policy_violation"))
                .body("message", containsString("Northwind Clinical"));
    }

    @Test
    @Order(4)
    void aMemberWithCanAddFilesAddsToTheProject() {
        given().auth().oauth2(DemoUsers.token("bob")).contentType(ContentType.JSON)
                .body("{\"project\": {\"$ref\": \"/api/v1/projects/" + SOIL_SURVEY + "\"}}")
                .when().patch("/api/v1/samples/{id}", BOBS_SAMPLE)
                .then().statusCode(200)
                .body("project.$ref", equalTo("/api/v1/projects/" + SOIL_SURVEY));
    }

    @Test
    @Order(5)
    void aMemberWithoutCanAddFilesCannot() {
        Api.refusedWithoutChange(DANS_SAMPLE, () -> given().auth().oauth2(DemoUsers.token("dan"))
                .contentType(ContentType.JSON)
                .body("{\"project\": {\"$ref\": \"/api/v1/projects/" + SOIL_SURVEY + "\"}}")
                .when().patch("/api/v1/samples/{id}", DANS_SAMPLE)
                .then())
                .statusCode(403)
                .body("code", equalTo("project_permission_denied"));
    }

    @Test
    @Order(6)
    void theAuditTrailShowsTheChange() {
        given().auth().oauth2(DemoUsers.token("alice"))
                .when().get("/api/v1/samples/{id}/events", ALICES_SAMPLE)
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].field", equalTo("visibility"))
                .body("[0].old_value", equalTo("private"))
                .body("[0].new_value", equalTo("public"))
                .body("[0].actor.$ref", equalTo("/api/v1/users/00000000000000a1"));
    }

    @Test
    @Order(7)
    void anOrganizationAdminTightensAndWhatWasSharedFollows() {
        // dan (Harbor Genomics) reads alice's sample while it is public.
        Api.get(DemoUsers.token("dan"), ALICES_SAMPLE).statusCode(200);
        given().auth().oauth2(DemoUsers.token("carol")).get("/api/v1/organizations/{id}", OPEN_MICROBIOME)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("name", equalTo("Open Microbiome Lab"))
                .body("max_visibility", equalTo("public"))
                .body("samples.private", equalTo(37))
                .body("samples.shared", equalTo(39))
                .body("samples.public", equalTo(38));
        given().auth().oauth2(DemoUsers.token("carol")).contentType(ContentType.JSON)
                .body("{\"max_visibility\": \"private\"}")
                .when().patch("/api/v1/organizations/{id}", OPEN_MICROBIOME)
                .then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("max_visibility", equalTo("private"))
                .body("samples.private", equalTo(114))
                .body("samples.shared", equalTo(0))
                .body("samples.public", equalTo(0));
        Api.get(DemoUsers.token("dan"), ALICES_SAMPLE).statusCode(404);
        given().auth().oauth2(DemoUsers.token("alice"))
                .when().get("/api/v1/samples/{id}/events", ALICES_SAMPLE)
                .then().statusCode(200)
                .body("$", hasSize(2))
                .body("[1].new_value", equalTo("private"))
                .body("[1].actor.$ref", equalTo("/api/v1/users/00000000000000c3"))
                .body("[1].cause.field", equalTo("max_visibility"))
                .body("[1].cause.organization.$ref", equalTo("/api/v1/organizations/" + OPEN_MICROBIOME));
    }

    @Test
    @Order(8)
    void onlyAPlatformAdministratorLoosens() {
        given().auth().oauth2(DemoUsers.token("carol")).contentType(ContentType.JSON)
                .body("{\"max_visibility\": \"public\"}")
                .when().patch("/api/v1/organizations/{id}", OPEN_MICROBIOME)
                .then().statusCode(403)
                .body("code", equalTo("policy_loosening_requires_platform_admin"));
        given().auth().oauth2(DemoUsers.token("peggy")).contentType(ContentType.JSON)
                .body("{\"max_visibility\": \"public\"}")
                .when().patch("/api/v1/organizations/{id}", OPEN_MICROBIOME)
                .then().statusCode(200)
                .body("max_visibility", equalTo("public"))
                .body("samples.public", equalTo(0));
        given().auth().oauth2(DemoUsers.token("carol")).get("/api/v1/organizations/{id}/events", OPEN_MICROBIOME)
                .then().statusCode(200)
                .body("new_value", contains("private", "public"))
                .body("actor.$ref", contains("/api/v1/users/00000000000000c3", "/api/v1/users/0000000000000c09"));
    }

    /** dan shares two of his samples and one of erin's, which he may read but not change: each mode once. */
    @Test
    @Order(9)
    void aBulkShareWithOneRefusalInEachMode() {
        List<String> ids = List.of(DANS_SAMPLE, DANS_OTHER_SAMPLE, ERINS_SHARED_SAMPLE);
        String body = "{\"ids\": [\"" + String.join("\", \"", ids) + "\"], \"visibility\": \"shared\"}";
        given().auth().oauth2(DemoUsers.token("dan")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/samples/bulk_update")
                .then().statusCode(403)
                .body("code", equalTo("bulk_update_refused"))
                .body("changed", hasSize(0))
                .body("refused.sample.$ref", contains("/api/v1/samples/" + ERINS_SHARED_SAMPLE))
                .body("refused.code", contains("not_sample_owner"));
        Api.get(DemoUsers.token("dan"), DANS_SAMPLE).statusCode(200).body("visibility", equalTo("private"));
        given().auth().oauth2(DemoUsers.token("dan")).contentType(ContentType.JSON)
                .body(body.replace("}", ", \"mode\": \"apply_allowed\"}"))
                .when().post("/api/v1/samples/bulk_update")
                .then().statusCode(200)
                .body("changed.$ref", contains("/api/v1/samples/" + DANS_SAMPLE,
                        "/api/v1/samples/" + DANS_OTHER_SAMPLE))
                .body("refused.code", contains("not_sample_owner"))
                .body("not_found", equalTo(0));
        Api.get(DemoUsers.token("dan"), DANS_SAMPLE).statusCode(200).body("visibility", equalTo("shared"));
    }

    @Test
    @Order(10)
    void theApiIsDescribedWithTheReferenceFields() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/samples/{id}'.patch.requestBody.content.'application/json'.schema.$ref",
                        containsString("SamplePatch"))
                .body("components.schemas.SamplePatch.properties.visibility.enum",
                        hasItems("public", "shared", "private"))
                .body("components.securitySchemes.SecurityScheme.scheme", equalTo("bearer"));
    }

    @Test
    @Order(11)
    void healthIncludesTheDatabase() {
        Management.given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("PostgreSQL")));
    }

    /** CORS is off unless configured: no origin gets a grant from the service as shipped. */
    @Test
    @Order(12)
    void corsIsOffByDefault() {
        given().auth().oauth2(DemoUsers.token("alice")).header("Origin", "https://app.example.test")
                .when().get("/api/v1/samples/{id}", ALICES_SAMPLE)
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", (String) null);
    }
}
