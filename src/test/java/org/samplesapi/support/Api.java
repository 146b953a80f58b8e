package org.samplesapi.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The calls tests make, and the "nothing changed" guard every denial test wraps its request in. */
public final class Api {

    private Api() {
    }

    public static ValidatableResponse patch(String token, String sampleId, String json) {
        return given().auth().oauth2(token)
                .contentType(ContentType.JSON)
                .body(json)
                .when().patch("/api/v1/samples/{id}", sampleId)
                .then();
    }

    /** A sample PATCH whose request the OpenAPI document does not allow, sent on purpose. */
    public static ValidatableResponse patchInvalid(String token, String sampleId, String json) {
        return given().header(OpenApiConformance.invalidOnPurpose()).auth().oauth2(token)
                .contentType(ContentType.JSON)
                .body(json)
                .when().patch("/api/v1/samples/{id}", sampleId)
                .then();
    }

    public static ValidatableResponse get(String token, String sampleId) {
        return given().auth().oauth2(token).when().get("/api/v1/samples/{id}", sampleId).then();
    }

    /**
     * Runs a request that must be refused and proves it wrote nothing: the sample row, its tags and its audit
     * events are byte-for-byte what they were before.
     */
    public static ValidatableResponse refusedWithoutChange(String sampleId, java.util.function.Supplier<ValidatableResponse> request) {
        String before = Db.sampleSnapshot(sampleId);
        ValidatableResponse response = request.get();
        assertEquals(before, Db.sampleSnapshot(sampleId), "a refused request changed the database");
        return response.contentType(ContentType.JSON);
    }

    /**
     * The audit trail of a sample's visibility is a chain: each change starts where the one before ended, the first
     * where the sample started, and the last where the sample is now. A lost or duplicated event breaks it.
     */
    public static void assertVisibilityAuditChain(String sampleId, String startedAs) {
        List<String> changes = Db.column("SELECT old_value || '>' || new_value FROM audit_events"
                + " WHERE sample_id = ? AND field = 'visibility' ORDER BY seq", sampleId);
        String at = startedAs;
        for (String change : changes) {
            assertTrue(change.startsWith(at + ">"), changes.toString());
            at = change.substring(change.indexOf('>') + 1);
        }
        assertEquals(Db.value("SELECT visibility FROM samples WHERE id = ?", sampleId), at, changes.toString());
    }
}
