package org.samplesapi.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
