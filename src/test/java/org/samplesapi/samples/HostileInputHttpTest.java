package org.samplesapi.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.samplesapi.support.Raw.utf8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.samplesapi.support.Db;
import org.samplesapi.support.Leaks;
import org.samplesapi.support.Raw;
import org.samplesapi.support.Raw.Answer;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OWASP API Security Top 10 (2023) cases that apply to PATCH and GET of a sample: broken object level
 * authorization (API1: another organization's samples, by id and by enumeration), broken object property level
 * authorization (API3: read-only and internal fields), unrestricted resource consumption (API4: sizes, counts,
 * nesting) and broken function level authorization (API5: members without the permission or the role). Every case
 * asserts the status, a leak-free JSON error, and that nothing in the database changed.
 */
@QuarkusTest
class HostileInputHttpTest {

    private static final String JSON = "application/json";

    private final Org org = World.openOrg();
    private final User owner = World.user(org);
    private final String id = World.sample(owner, "private");
    private final String path = "/api/v1/samples/" + id;

    /** Sends a PATCH that must be refused, and proves that the sample, its tags and its audit trail are unchanged. */
    private JsonNode refused(int status, String contentType, byte[] body) {
        return refused(status, () -> Raw.patch(Tokens.of(owner), path, contentType, body), id);
    }

    private static JsonNode refused(int status, java.util.function.Supplier<Answer> request, String... sampleIds) {
        List<String> before = Stream.of(sampleIds).map(Db::sampleSnapshot).toList();
        Answer answer = request.get();
        assertEquals(before, Stream.of(sampleIds).map(Db::sampleSnapshot).toList(), "a refused request wrote");
        return Leaks.error(answer, status);
    }

    // --- API1: broken object level authorization --------------------------------------------------------------

    @Test
    void anotherOrganizationsSamplesAreIndistinguishableFromMissingOnesEvenByEnumeration() {
        User other = World.user(World.openOrg());
        List<String> theirs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            theirs.add(World.sample(other, i % 2 == 0 ? "private" : "shared"));
        }
        List<String> probes = new ArrayList<>(theirs);
        for (String real : theirs) {
            // Neighbours of real ids, as an enumerating attacker would try them.
            char last = real.charAt(real.length() - 1);
            probes.add(real.substring(0, real.length() - 1) + (last == 'f' ? '0' : Character.forDigit(
                    Character.digit(last, 16) + 1, 16)));
        }
        IntStream.range(0, 6).forEach(i -> probes.add(World.newId()));
        String attacker = Tokens.of(owner);
        String missingGet = Raw.send("GET", "/api/v1/samples/" + World.newId(), attacker, null, null, Map.of()).body();
        String missingPatch = Raw.patch(attacker, "/api/v1/samples/" + World.newId(), JSON,
                utf8("{\"visibility\": \"public\"}")).body();
        String[] all = theirs.toArray(String[]::new);
        for (String probe : probes) {
            for (String body : List.of("{\"visibility\": \"public\"}", "{\"tags\": []}", "{}")) {
                refused(404, () -> Raw.patch(attacker, "/api/v1/samples/" + probe, JSON, utf8(body)), all);
            }
            Answer read = Raw.send("GET", "/api/v1/samples/" + probe, attacker, null, null, Map.of());
            Leaks.error(read, 404);
            assertEquals(missingGet, read.body(), "GET of " + probe + " tells it apart from a missing sample");
            assertNull(read.header("ETag"));
            Answer write = Raw.patch(attacker, "/api/v1/samples/" + probe, JSON, utf8("{\"visibility\": \"public\"}"));
            assertEquals(missingPatch, write.body(), "PATCH of " + probe + " tells it apart from a missing sample");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2F..%2Fusers", "' OR '1'='1", "0123456789abcdef0", "%00", "x%0d%0aSet-Cookie:%20a=b"})
    void hostileIdsAreNotFound(String probe) {
        Answer missing = Raw.send("GET", "/api/v1/samples/" + World.newId(), Tokens.of(owner), null, null, Map.of());
        String raw = probe.replace("'", "%27").replace(" ", "%20");
        Answer read = Raw.send("GET", "/api/v1/samples/" + raw, Tokens.of(owner), null, null, Map.of());
        Leaks.error(read, 404);
        assertEquals(missing.body(), read.body());
        refused(404, () -> Raw.patch(Tokens.of(owner), "/api/v1/samples/" + raw, JSON,
                utf8("{\"visibility\": \"public\"}")), id);
    }

    // --- API3: broken object property level authorization -----------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"owner", "status", "size", "$uri", "created_at", "updated_at", "organization", "version",
            "id", "filename", "metadata", "primary_classification", "error_msg", "upload_progress", "owner_id",
            "holds_pii", "visibility_changed_at", "__proto__"})
    void readOnlyAndInternalFieldsAreRefusedByName(String field) {
        String body = "{\"visibility\": \"shared\", \"" + field + "\": "
                + ("owner".equals(field) ? "{\"$ref\": \"/api/v1/users/" + World.user(org).id() + "\"}" : "\"x\"") + "}";
        JsonNode error = refused(400, JSON, utf8(body));
        assertEquals(1, error.path("errors").size(), error.toString());
        assertEquals(field, error.path("errors").get(0).path("path").get(0).asText());
    }

    // --- API5: broken function level authorization --------------------------------------------------------------

    @Test
    void aProjectMemberWithoutCanAddFilesCannotAddSamples() {
        User lead = World.user(org);
        String project = World.project(lead, false);
        World.member(project, owner, "can_see_files");
        JsonNode error = refused(403, JSON, utf8("{\"project\": \"" + project + "\"}"));
        assertEquals("project_permission_denied", error.path("code").asText());
    }

    @Test
    void anOrganizationMemberWhoIsNoAdminCannotChangeAColleaguesSamples() {
        User colleague = World.user(org);
        String shared = World.sample(colleague, "shared");
        String hidden = World.sample(colleague, "private");
        String token = Tokens.of(owner);
        JsonNode error = refused(403, () -> Raw.patch(token, "/api/v1/samples/" + shared, JSON,
                utf8("{\"visibility\": \"private\"}")), shared);
        assertEquals("not_sample_owner", error.path("code").asText());
        refused(404, () -> Raw.patch(token, "/api/v1/samples/" + hidden, JSON, utf8("{\"visibility\": \"shared\"}")),
                hidden);
        // An admin role claimed in the token only counts for the organization the token names.
        String foreignAdmin = Tokens.admin(World.user(World.openOrg()));
        refused(404, () -> Raw.patch(foreignAdmin, "/api/v1/samples/" + hidden, JSON,
                utf8("{\"visibility\": \"shared\"}")), hidden);
    }

    // --- API4: unrestricted resource consumption, and malformed input -----------------------------------------

    static Stream<Arguments> malformedBodies() {
        String someId = "0123456789abcdef";
        return Stream.of(
                Arguments.of("thousands of tags", 400, json("{\"tags\": [" + IntStream.range(0, 3000)
                        .mapToObj(i -> "\"" + String.format("%016x", i) + "\"").collect(Collectors.joining(",")) + "]}")),
                Arguments.of("deeply nested array", 400, json("{\"tags\": " + "[".repeat(5000) + "]".repeat(5000) + "}")),
                Arguments.of("deeply nested object", 400, json("{\"x\": " + "{\"x\": ".repeat(3000) + "1"
                        + "}".repeat(3000) + "}")),
                Arguments.of("huge visibility string", 400, json("{\"visibility\": \"" + "p".repeat(60_000) + "\"}")),
                Arguments.of("huge key", 400, json("{\"" + "k".repeat(60_000) + "\": 1}")),
                Arguments.of("huge number", 400, json("{\"project\": 1" + "0".repeat(5000) + "}")),
                Arguments.of("boolean visibility", 400, json("{\"visibility\": true}")),
                Arguments.of("object tags", 400, json("{\"tags\": {}}")),
                Arguments.of("nested tag arrays", 400, json("{\"tags\": [[]]}")),
                Arguments.of("float project", 400, json("{\"project\": 1.5}")),
                Arguments.of("duplicate key", 400, json("{\"visibility\": \"private\", \"visibility\": \"public\"}")),
                Arguments.of("escaped NUL in value", 400, json("{\"visibility\": \"public\\u0000\"}")),
                Arguments.of("escaped NUL in tag id", 400, json("{\"tags\": [\"" + someId + "\\u0000\"]}")),
                Arguments.of("raw NUL byte", 400, bytes("{\"visibility\": \"pub", 0, "lic\"}")),
                Arguments.of("NUL in key", 400, json("{\"visi\\u0000bility\": \"public\"}")),
                Arguments.of("invalid UTF-8", 400, bytes("{\"visibility\": \"pub", 0xC3, 0x28, "lic\"}")),
                Arguments.of("overlong UTF-8 slash", 400, bytes("{\"project\": {\"$ref\": \"/api/v1/projects/..", 0xC0,
                        0xAF, someId + "\"}}")),
                Arguments.of("truncated UTF-8", 400, bytes("{\"visibility\": \"public", 0xE2, 0x82)),
                Arguments.of("lone surrogate", 400, json("{\"visibility\": \"\\ud800\"}")),
                Arguments.of("UTF-16 body", 400, "{\"visibility\": \"public\"}".getBytes(
                        java.nio.charset.StandardCharsets.UTF_16LE)),
                Arguments.of("$ref path traversal", 400, json("{\"project\": {\"$ref\": \"/api/v1/projects/../../samples/"
                        + someId + "\"}}")),
                Arguments.of("$ref encoded traversal", 400, json("{\"project\": {\"$ref\": \"/api/v1/projects/%2e%2e%2f"
                        + someId + "\"}}")),
                Arguments.of("$ref another host", 400, json("{\"project\": {\"$ref\": \"https://evil.example.com/api/v1/"
                        + "projects/" + someId + "\"}}")),
                Arguments.of("$ref scheme-relative host", 400, json("{\"project\": {\"$ref\": \"//evil.example.com/api/"
                        + "v1/projects/" + someId + "\"}}")),
                Arguments.of("$ref with query", 400, json("{\"project\": {\"$ref\": \"/api/v1/projects/" + someId
                        + "?owner=me\"}}")),
                Arguments.of("$ref backslashes", 400, json("{\"project\": {\"$ref\": \"\\\\api\\\\v1\\\\projects\\\\"
                        + someId + "\"}}")),
                Arguments.of("tag $ref traversal", 400, json("{\"tags\": [{\"$ref\": \"/api/v1/tags/../users/" + someId
                        + "\"}]}")),
                Arguments.of("tag $ref another host", 400, json("{\"tags\": [{\"$ref\": \"http://169.254.169.254/api/v1/"
                        + "tags/" + someId + "\"}]}")),
                Arguments.of("javascript $ref", 400, json("{\"project\": {\"$ref\": \"javascript:alert(1)\"}}")),
                Arguments.of("SQL in project id", 400, json("{\"project\": \"' OR 1=1 --\"}")),
                Arguments.of("oversized body", 413, json("{\"visibility\": \"public\", \"x\": \"" + "y".repeat(70_000)
                        + "\"}")),
                Arguments.of("tens of thousands of tags", 413, json("{\"tags\": [" + IntStream.range(0, 20_000)
                        .mapToObj(i -> "\"" + String.format("%016x", i) + "\"").collect(Collectors.joining(",")) + "]}")),
                Arguments.of("empty body", 400, new byte[0]),
                Arguments.of("whitespace body", 400, json("   \n ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedBodiesAreRefusedWithJson(String name, int status, byte[] body) {
        refused(status, JSON, body);
    }

    static byte[] json(String text) {
        return utf8(text);
    }

    /** Text and raw byte values, concatenated: for bodies that are not valid UTF-8. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(utf8(text));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }
}
