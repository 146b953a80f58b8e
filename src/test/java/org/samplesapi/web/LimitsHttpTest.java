package org.samplesapi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Leaks;
import org.samplesapi.support.Raw;
import org.samplesapi.support.Raw.Answer;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Each input limit at its edge: the largest input accepted is served, one step beyond is refused with a JSON error
 * and writes nothing. And the answers the REST layer gives before any resource (no route, wrong method, unacceptable
 * type) are JSON errors too.
 */
@QuarkusTest
class LimitsHttpTest {

    private static final int MAX_BODY_BYTES = ConfigProvider.getConfig()
            .getValue("samples.http.max-body-bytes", Integer.class);
    private static final int MAX_TAGS = ConfigProvider.getConfig().getValue("samples.patch.max-tags", Integer.class);
    /** Objects and arrays open at once, the body's own object included. */
    private static final int MAX_NESTING = 16;

    private final User owner = World.user(World.openOrg());
    private final String id = World.sample(owner, "private");
    private final String path = "/api/v1/samples/" + id;

    @Test
    void aBodyOfExactlyTheLimitIsServedAndOneByteMoreIs413() {
        Answer atLimit = Raw.patch(Tokens.of(owner), path, "application/json",
                padded("{\"visibility\": \"shared\"}", MAX_BODY_BYTES));
        assertEquals(200, atLimit.status(), atLimit.body());
        assertEquals("shared", Db.value("SELECT visibility FROM samples WHERE id = ?", id));

        String before = Db.sampleSnapshot(id);
        JsonNode over = Leaks.error(Raw.patch(Tokens.of(owner), path, "application/json",
                padded("{\"visibility\": \"public\"}", MAX_BODY_BYTES + 1)), 413);
        assertEquals("payload_too_large", over.path("code").asText());
        assertEquals(before, Db.sampleSnapshot(id), "a body over the limit wrote");
    }

    @Test
    void theDeepestNestingIsParsedAndOneLevelDeeperIsRefusedAsTooDeep() {
        String before = Db.sampleSnapshot(id);
        // The body's object and MAX_NESTING - 1 arrays: parsed, then refused for what it says (tags are no arrays).
        JsonNode deepest = Leaks.error(Raw.patch(Tokens.of(owner), path, "application/json",
                nestedTags(MAX_NESTING - 1)), 400);
        assertFalse(deepest.toString().contains("nests deeper"), deepest.toString());
        JsonNode deeper = Leaks.error(Raw.patch(Tokens.of(owner), path, "application/json",
                nestedTags(MAX_NESTING)), 400);
        assertTrue(deeper.toString().contains("nests deeper than " + MAX_NESTING), deeper.toString());
        assertEquals(before, Db.sampleSnapshot(id), "a refused body wrote");
    }

    @Test
    void theLargestTagCountIsAcceptedAndOneMoreIsRefused() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i <= MAX_TAGS; i++) {
            tags.add(World.tag(owner, "t" + i));
        }
        Answer most = Raw.patch(Tokens.of(owner), path, "application/json", tagsBody(tags.subList(0, MAX_TAGS)));
        assertEquals(200, most.status(), most.body());
        assertEquals(MAX_TAGS, Db.count("SELECT count(*) FROM sample_tags WHERE sample_id = ?", id));

        String before = Db.sampleSnapshot(id);
        JsonNode tooMany = Leaks.error(Raw.patch(Tokens.of(owner), path, "application/json", tagsBody(tags)), 400);
        assertTrue(tooMany.toString().contains("at most " + MAX_TAGS + " tags"), tooMany.toString());
        assertEquals(before, Db.sampleSnapshot(id), "a refused tag list wrote");
    }

    @Test
    void unknownRoutesWrongMethodsAndUnacceptableTypesAnswerJson() {
        String token = Tokens.of(owner);
        String before = Db.sampleSnapshot(id);
        Leaks.error(Raw.send("GET", "/api/v1/nothing-here", token, null, null, Map.of()), 404);
        Leaks.error(Raw.send("GET", "/api/v1/samples/" + id + "/nothing-here", token, null, null, Map.of()), 404);
        Leaks.error(Raw.send("PUT", path, token, "application/json", Raw.utf8("{\"visibility\": \"public\"}"),
                Map.of()), 405);
        Leaks.error(Raw.send("DELETE", "/api/v1/samples", token, null, null, Map.of()), 405);
        Leaks.error(Raw.send("GET", path, token, null, null, Map.of("Accept", "text/html")), 406);
        Leaks.error(Raw.send("PATCH", path, token, "application/json", Raw.utf8("{\"visibility\": \"public\"}"),
                Map.of("Accept", "application/xml")), 406);
        assertEquals(before, Db.sampleSnapshot(id), "a refused request wrote");
    }

    /** {@code json} followed by spaces (insignificant in JSON) to exactly {@code size} bytes. */
    private static byte[] padded(String json, int size) {
        byte[] body = new byte[size];
        byte[] start = json.getBytes(StandardCharsets.UTF_8);
        java.util.Arrays.fill(body, (byte) ' ');
        System.arraycopy(start, 0, body, 0, start.length);
        return body;
    }

    private static byte[] nestedTags(int arrays) {
        return Raw.utf8("{\"tags\": " + "[".repeat(arrays) + "]".repeat(arrays) + "}");
    }

    private static byte[] tagsBody(List<String> tagIds) {
        return Raw.utf8("{\"tags\": [\"" + String.join("\", \"", tagIds) + "\"]}");
    }
}
