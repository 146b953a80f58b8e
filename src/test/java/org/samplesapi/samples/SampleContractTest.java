package org.samplesapi.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samplesapi.support.Api.get;
import static org.samplesapi.support.Api.patch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Prerequisites;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * GET and PATCH return exactly the reference page's sample object: the same 13 members, each of the reference's
 * JSON type, references in the hyper-schema's {@code $ref} patterns, timestamps the public client can parse.
 */
@QuarkusTest
class SampleContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MEMBERS = Set.of("$uri", "created_at", "error_msg", "filename", "metadata",
            "owner", "primary_classification", "project", "size", "status", "tags", "updated_at", "visibility");
    private static final Map<String, String> REF_PATTERNS = Map.of(
            "metadata", "^/api/v1/metadata/[^/]+$",
            "owner", "^/api/v1/users/[^/]+$",
            "primary_classification", "^/api/v1/classifications/[^/]+$",
            "project", "^/api/v1/projects/[^/]+$");
    private static final Pattern RFC3339_NUMERIC_OFFSET =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3}|\\.\\d{6})?[+-]\\d\\d:\\d\\d");

    private final User owner = World.user(World.openOrg());

    @Test
    void getAndPatchReturnTheReferenceShape() throws IOException {
        String project = World.project(owner, false);
        String id = World.sample(owner, "private", "available", null, World.tag(owner, "WGS"));
        JsonNode reference = reference();
        assertShape(reference, reference); // the fixture itself is well-formed
        assertShape(reference, JSON.readTree(get(Tokens.of(owner), id).statusCode(200).extract().asString()));
        JsonNode patched = JSON.readTree(patch(Tokens.of(owner), id,
                "{\"project\": \"" + project + "\", \"visibility\": \"shared\"}").statusCode(200).extract().asString());
        assertShape(reference, patched);
        assertTrue(patched.get("project").isObject(), "a set project is a reference object");
    }

    /**
     * Every member the real One Codex objects carry has the same JSON type in ours (shared/ is reference material
     * beside the checkout, never copied into it).
     */
    @Test
    void membersOfRealOneCodexSamplesHaveOurTypes() throws IOException {
        Path fixtures = Path.of("..", "shared", "spec", "onecodex-fixtures", "samples", "index.json");
        Prerequisites.requireFile(fixtures);
        String ourSample = World.sample(owner, "public", "available", World.project(owner, false),
                World.tag(owner, "isolate"));
        JsonNode ours = JSON.readTree(get(Tokens.of(owner), ourSample).statusCode(200).extract().asString());
        JsonNode real = JSON.readTree(fixtures.toFile());
        assertTrue(real.size() > 0);
        for (JsonNode sample : real) {
            sample.fieldNames().forEachRemaining(name -> {
                assertTrue(MEMBERS.contains(name), "real member missing from ours: " + name);
                JsonNode theirs = sample.get(name);
                JsonNode mine = ours.get(name);
                if (!theirs.isNull()) {
                    assertEquals(theirs.getNodeType(), mine.getNodeType(), name);
                }
            });
        }
    }

    private static JsonNode reference() throws IOException {
        try (InputStream in = SampleContractTest.class.getResourceAsStream("/contract/sample-object.json")) {
            return JSON.readTree(in);
        }
    }

    private static void assertShape(JsonNode reference, JsonNode sample) {
        assertEquals(new TreeSet<>(MEMBERS), names(sample), "exactly the reference's members");
        assertEquals(names(reference), names(sample));
        assertTrue(sample.get("$uri").asText().matches("^/api/v1/samples/[^/]+$"));
        for (String timestamp : new String[] {"created_at", "updated_at"}) {
            String text = sample.get(timestamp).asText();
            assertTrue(RFC3339_NUMERIC_OFFSET.matcher(text).matches(), timestamp + " = " + text);
            assertFalse(text.endsWith("Z"), "Python < 3.11 fromisoformat rejects a trailing Z");
            OffsetDateTime.parse(text);
        }
        assertTrue(sample.get("error_msg").isNull() || sample.get("error_msg").isTextual());
        assertTrue(sample.get("filename").isNull() || sample.get("filename").isTextual());
        assertTrue(sample.get("size").isNull() || sample.get("size").isIntegralNumber());
        assertTrue(Set.of("awaiting_data", "importing", "validating", "failed_validation", "available", "deleted")
                .contains(sample.get("status").asText()));
        assertTrue(Set.of("public", "shared", "private").contains(sample.get("visibility").asText()));
        REF_PATTERNS.forEach((member, pattern) -> {
            JsonNode ref = sample.get(member);
            if (!ref.isNull()) {
                assertEquals(Set.of("$ref"), names(ref), member);
                assertTrue(ref.get("$ref").asText().matches(pattern), member + " = " + ref);
            }
        });
        assertTrue(sample.get("owner").isObject(), "a sample always has an owner");
        assertTrue(sample.get("tags").isArray());
        sample.get("tags").forEach(tag -> {
            assertEquals(Set.of("$ref"), names(tag));
            assertTrue(tag.get("$ref").asText().matches("^/api/v1/tags/[^/]+$"));
        });
    }

    private static TreeSet<String> names(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
