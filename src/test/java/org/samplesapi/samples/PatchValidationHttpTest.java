package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samplesapi.support.Api.patch;
import static org.samplesapi.support.Api.patchInvalid;
import static org.samplesapi.support.Api.refusedWithoutChange;
import static org.samplesapi.support.OpenApiConformance.invalidOnPurpose;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** What a PATCH body may contain: 400 names every bad key, 413 for oversized bodies, 415 for other media types. */
@QuarkusTest
class PatchValidationHttpTest {

    private final User owner = World.user(World.openOrg());
    private final String id = World.sample(owner, "private");

    @Test
    void emptyObjectChangesNothingAndReturnsTheSample() {
        String before = Db.sampleSnapshot(id);
        patch(Tokens.of(owner), id, "{}")
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("$uri", equalTo("/api/v1/samples/" + id))
                .body("visibility", equalTo("private"));
        assertEquals(before, Db.sampleSnapshot(id));
    }

    @Test
    void everyReadOnlyAndUnknownKeyIsNamed() {
        refusedWithoutChange(id, () -> patchInvalid(Tokens.of(owner), id, """
                {"visibility": "public", "filename": "x.fastq", "status": "deleted", "size": 1,
                 "owner": {"$ref": "/api/v1/users/0000000000000000"}, "$uri": "/api/v1/samples/x",
                 "created_at": "2020-01-01T00:00:00+00:00", "organization": "acme", "version": 7}
                """))
                .statusCode(400)
                .body("status", equalTo(400))
                .body("code", equalTo("validation_failed"))
                .body("message", notNullValue())
                .body("errors", hasSize(8))
                .body("errors.path.flatten()", containsInAnyOrder("filename", "status", "size", "owner", "$uri",
                        "created_at", "organization", "version"))
                .body("errors.find { it.path[0] == 'filename' }.message", containsString("read-only"))
                .body("errors.find { it.path[0] == 'organization' }.message", containsString("not a field"));
    }

    @Test
    void malformedAndNonObjectBodiesAre400() {
        for (String body : new String[] {"{\"visibility\": ", "[]", "\"public\"", "42", "null",
                "{\"visibility\": \"public\"} trailing", "{\"visibility\": \"public\", \"visibility\": \"private\"}"}) {
            refusedWithoutChange(id, () -> patchInvalid(Tokens.of(owner), id, body))
                    .statusCode(400)
                    .body("status", equalTo(400))
                    .body("message", notNullValue());
        }
    }

    @Test
    void emptyBodyIs400() {
        refusedWithoutChange(id, () -> given().header(invalidOnPurpose()).auth().oauth2(Tokens.of(owner)).contentType(ContentType.JSON)
                .when().patch("/api/v1/samples/{id}", id).then())
                .statusCode(400);
    }

    @Test
    void wrongTypesAndUnknownVisibilitiesAre400() {
        for (String body : new String[] {"{\"visibility\": 1}", "{\"visibility\": null}", "{\"visibility\": \"secret\"}",
                "{\"visibility\": \"PUBLIC\"}", "{\"visibility\": \"importing\"}", "{\"visibility\": \"awaiting data\"}",
                "{\"tags\": \"WGS\"}", "{\"tags\": [1]}", "{\"tags\": [null]}", "{\"tags\": [{\"$ref\": 5}]}",
                "{\"project\": 5}", "{\"project\": []}", "{\"project\": {\"$ref\": \"/api/v1/projects/../users/x\"}}",
                "{\"project\": {\"$ref\": \"https://evil.example.com/api/v1/projects/0123456789abcdef\"}}",
                "{\"project\": {\"$ref\": \"/api/v1/projects/0123456789abcdef\", \"name\": \"x\"}}",
                "{\"project\": \"not-an-id\"}"}) {
            refusedWithoutChange(id, () -> patchInvalid(Tokens.of(owner), id, body))
                    .statusCode(400)
                    .body("errors", hasSize(1))
                    .body("errors[0].message", notNullValue());
        }
    }

    @Test
    void otherMediaTypesAre415() {
        refusedWithoutChange(id, () -> given().header(invalidOnPurpose()).auth().oauth2(Tokens.of(owner))
                .contentType("text/plain").body("{\"visibility\": \"public\"}")
                .when().patch("/api/v1/samples/{id}", id).then())
                .statusCode(415)
                .body("status", equalTo(415))
                .body("message", containsString("application/json"));
    }

    @Test
    void aBodyWithoutContentTypeIs415() {
        refusedWithoutChange(id, () -> given().header(invalidOnPurpose()).auth().oauth2(Tokens.of(owner))
                .body("{\"visibility\": \"public\"}".getBytes(StandardCharsets.UTF_8))
                .when().patch("/api/v1/samples/{id}", id).then())
                .statusCode(415)
                .body("status", equalTo(415));
    }

    @Test
    void mergePatchMediaTypeIsAccepted() {
        given().auth().oauth2(Tokens.of(owner))
                .contentType("application/merge-patch+json").body("{\"visibility\": \"shared\"}")
                .when().patch("/api/v1/samples/{id}", id)
                .then().statusCode(200).body("visibility", equalTo("shared"));
    }

    /** A chunked body announces no length: it is measured while read, with the same JSON answer at any size. */
    @ParameterizedTest
    @ValueSource(ints = {70_000, 3_000_000})
    void oversizedChunkedBodiesAre413(int padding) throws Exception {
        byte[] huge = ("{\"visibility\": \"public\", \"padding\": \"" + "x".repeat(padding) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port
                                + "/api/v1/samples/" + id))
                .header("Authorization", "Bearer " + Tokens.of(owner))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge)))
                .build();
        String before = Db.sampleSnapshot(id);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertThat(response.body(), containsString("\"status\":413"));
        assertEquals(before, Db.sampleSnapshot(id));
    }

    /** The chunked path reads the body itself: a small chunked PATCH must still arrive whole. */
    @Test
    void aChunkedBodyWithinTheLimitIsApplied() throws Exception {
        byte[] body = "{\"visibility\": \"shared\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/samples/" + id))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + Tokens.of(owner))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("shared", Db.value("SELECT visibility FROM samples WHERE id = ?", id));
    }

    /** RFC 8259 lets parsers ignore a UTF-8 byte order mark; some Windows clients send one. */
    @Test
    void aUtf8ByteOrderMarkIsIgnored() {
        byte[] body = "\uFEFF{\"visibility\": \"shared\"}".getBytes(StandardCharsets.UTF_8);
        org.samplesapi.support.Raw.Answer answer = org.samplesapi.support.Raw.patch(Tokens.of(owner),
                "/api/v1/samples/" + id, "application/json", body);
        assertEquals(200, answer.status(), answer.body());
        assertEquals("shared", Db.value("SELECT visibility FROM samples WHERE id = ?", id));
    }

    @Test
    void oversizedBodiesAre413() {
        String huge = "{\"visibility\": \"public\", \"padding\": \"" + "x".repeat(70_000) + "\"}";
        refusedWithoutChange(id, () -> patchInvalid(Tokens.of(owner), id, huge))
                .statusCode(413)
                .body("status", equalTo(413))
                .body("message", containsString("65536"));
    }
}
