package org.samplesapi.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samplesapi.support.OpenApiConformance.invalidOnPurpose;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document is complete enough to generate a client from: every operation has a unique operationId, a
 * typed request body, its error statuses with the JSON error body, and the headers the service sends.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "post", "patch", "put", "delete");
    private static JsonNode document;

    @BeforeEach
    void fetch() throws Exception {
        if (document == null) {
            document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then()
                    .statusCode(200).extract().asString());
        }
    }

    /** "METHOD path" of every operation, with the operation. */
    private static Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new java.util.TreeMap<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
            }
        }));
        return operations;
    }

    @Test
    void everyOperationHasItsOwnOperationId() {
        Set<String> seen = new HashSet<>();
        operations().forEach((name, operation) -> {
            assertTrue(operation.hasNonNull("operationId"), name + " has no operationId");
            assertTrue(seen.add(operation.get("operationId").asText()), "operationId used twice: " + name);
        });
        assertTrue(seen.size() >= 35, "operations: " + seen.size());
    }

    @Test
    void everyRequestBodyIsTypedNotBinary() {
        List<String> untyped = new ArrayList<>();
        operations().forEach((name, operation) -> {
            JsonNode content = operation.path("requestBody").path("content");
            content.properties().forEach(media -> {
                if (!media.getValue().path("schema").hasNonNull("$ref")) {
                    untyped.add(name + " " + media.getKey() + ": " + media.getValue().path("schema"));
                }
            });
        });
        assertEquals(List.of(), untyped);
    }

    @Test
    void errorsCarryTheErrorBodyAndEveryAnswerItsRequestId() {
        operations().forEach((name, operation) -> {
            JsonNode responses = operation.get("responses");
            for (String status : List.of("401", "429", "503")) {
                assertEquals("#/components/schemas/ApiError", responses.path(status).path("content")
                        .path("application/json").path("schema").path("$ref").asText(), name + " " + status);
            }
            assertTrue(responses.path("503").path("headers").has("Retry-After"), name);
            assertTrue(responses.path("429").path("headers").has("Retry-After"), name);
            responses.properties().forEach(response -> {
                for (String header : List.of("X-Request-Id", "RateLimit", "RateLimit-Policy")) {
                    assertTrue(response.getValue().path("headers").has(header),
                            name + " " + response.getKey() + " lacks " + header);
                }
            });
            responses.properties().stream().filter(r -> r.getKey().startsWith("4"))
                    .filter(r -> r.getValue().has("content"))
                    .forEach(r -> assertCarriesTheErrorMembers(r.getValue().path("content")
                            .path("application/json").path("schema").path("$ref").asText(), name + " " + r.getKey()));
        });
    }

    /**
     * An error's body is ApiError; a bulk change's refusal is an answer of its own, which lists the refused samples,
     * but has ApiError's status and message, required, as every error has for the clients that read them.
     */
    private static void assertCarriesTheErrorMembers(String ref, String where) {
        if (ref.equals("#/components/schemas/ApiError")) {
            return;
        }
        assertEquals("#/components/schemas/BulkUpdateAnswer", ref, where);
        JsonNode required = document.path("components").path("schemas").path("BulkUpdateAnswer").path("required");
        List<String> names = new java.util.ArrayList<>();
        required.forEach(node -> names.add(node.asText()));
        assertTrue(names.containsAll(List.of("status", "message", "code")), where + " requires only " + names);
    }

    /** An operation whose annotations name only its errors loses its generated success answer. */
    @Test
    void everyOperationDocumentsItsSuccessAndEveryAnswerWhatItIs() {
        List<String> missing = new ArrayList<>();
        operations().forEach((name, operation) -> {
            JsonNode responses = operation.get("responses");
            if (responses.properties().stream().noneMatch(response -> response.getKey().startsWith("2"))) {
                missing.add(name + " has no 2xx answer");
            }
            responses.properties().forEach(response -> {
                String status = response.getKey();
                if (!status.equals("204") && !status.equals("304") && !response.getValue().has("content")) {
                    missing.add(name + " " + status + " has no content");
                }
            });
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void creatingRoutesAnswer201() {
        Map<String, JsonNode> operations = operations();
        for (String created : List.of("POST /api/v1/projects", "POST /api/v1/tags", "POST /api/v1/samples/preupload")) {
            JsonNode responses = operations.get(created).get("responses");
            assertTrue(responses.has("201"), created);
            assertFalse(responses.has("200"), created + " documents a 200 it never sends");
        }
    }

    @Test
    void listsDocumentTheirPagingHeadersAndVersionedObjectsTheirETag() {
        Map<String, JsonNode> operations = operations();
        for (String list : List.of("GET /api/v1/samples", "GET /api/v1/samples/public", "GET /api/v1/projects",
                "GET /api/v1/tags", "GET /api/v1/metadata")) {
            JsonNode headers = operations.get(list).path("responses").path("200").path("headers");
            for (String header : List.of("Link", "X-Total-Count", "X-Next-Cursor")) {
                assertTrue(headers.has(header), list + " " + header);
            }
        }
        for (String versioned : List.of("GET /api/v1/samples/{id}", "PATCH /api/v1/samples/{id}",
                "GET /api/v1/organizations/{id}", "PATCH /api/v1/organizations/{id}", "GET /api/v1/account",
                "PATCH /api/v1/account", "PATCH /api/v1/users/{id}")) {
            assertTrue(operations.get(versioned).path("responses").path("200").path("headers").has("ETag"),
                    versioned);
        }
    }

    @Test
    void everyPostAndPatchTakesAnIdempotencyKey() {
        operations().forEach((name, operation) -> {
            if (name.startsWith("POST ") || name.startsWith("PATCH ")) {
                assertTrue(operation.path("parameters").toString().contains("\"Idempotency-Key\""), name);
                assertTrue(operation.path("responses").has("422"), name);
            }
        });
    }

    /**
     * Each request body's example is accepted by its route, sent by a caller who owns what the path names (the
     * examples name demo objects that the tests do not have, so a 404 of a referenced object counts as accepted: no
     * 400, 415 or 422); the same body with a key the schema does not have, or as an array, is refused with a 400.
     */
    @Test
    void bodyExamplesAreAcceptedAndBodiesBreakingTheSchemaRefused() throws Exception {
        World.Org organization = World.openOrg();
        World.User owner = World.user(organization);
        String sample = World.sample(owner, "private");
        Map<String, String> ids = Map.of("/api/v1/samples/{id}", sample,
                "/api/v1/projects/{id}", World.project(owner, false),
                "/api/v1/metadata/{id}", Db.value("SELECT id FROM metadata WHERE sample_id = ?",
                        sample),
                "/api/v1/organizations/{id}", organization.id(), "/api/v1/users/{id}", owner.id());
        String token = Tokens.platformAdmin(owner);
        ObjectMapper json = new ObjectMapper();
        List<String> checked = new ArrayList<>();
        operations().forEach((name, operation) -> {
            String ref = operation.path("requestBody").path("content").path("application/json").path("schema")
                    .path("$ref").asText();
            if (ref.isEmpty()) {
                return;
            }
            JsonNode schema = document.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
            JsonNode example = schema.has("examples") ? schema.path("examples").path(0) : schema.path("example");
            assertFalse(example.isMissingNode(), name + ": its body schema has no example");
            String method = name.substring(0, name.indexOf(' '));
            String template = name.substring(name.indexOf(' ') + 1);
            String path = ids.entrySet().stream().filter(e -> template.startsWith(e.getKey()))
                    .map(e -> e.getValue() == null ? template : template.replace("{id}", e.getValue()))
                    .findFirst().orElse(template);
            try {
                String body = example.isTextual() ? example.asText() : json.writeValueAsString(example);
                int accepted = given().auth().oauth2(token).contentType("application/json").body(body)
                        .request(method, path).statusCode();
                assertFalse(Set.of(400, 415, 422).contains(accepted) || accepted >= 500,
                        name + " refused its own example " + body + ": " + accepted);
                var broken = (ObjectNode) json.readTree(body);
                broken.put("not_a_field", 1);
                assertEquals(400, given().header(invalidOnPurpose()).auth().oauth2(token)
                        .contentType("application/json").body(json.writeValueAsString(broken)).request(method, path)
                        .statusCode(), name + " unknown key");
                assertEquals(400, given().header(invalidOnPurpose()).auth().oauth2(token)
                        .contentType("application/json").body("[" + body + "]").request(method, path).statusCode(),
                        name + " an array");
                checked.add(name);
            } catch (IOException e) {
                throw new AssertionError(name, e);
            }
        });
        assertTrue(checked.size() >= 12, "bodies checked: " + checked);
    }

    @Test
    void theBearerSchemeIsDeclared() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertNotNull(schemes);
        assertTrue(schemes.toString().contains("\"scheme\":\"bearer\""), schemes.toString());
    }
}
