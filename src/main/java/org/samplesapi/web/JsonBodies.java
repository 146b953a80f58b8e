package org.samplesapi.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Reads request bodies strictly: one JSON object, no duplicate keys, no trailing data, bounded nesting and size.
 * Anything else is a 400 (or 413) with a message saying where it went wrong.
 */
@ApplicationScoped
public class JsonBodies {

    /** JSON Merge Patch (RFC 7396), which PATCH routes accept beside plain JSON: the same body, the same meaning. */
    public static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private static final int MAX_NESTING = 16;

    private final ObjectReader reader;
    private final int maxBodyBytes;

    public JsonBodies(BodyLimits limits) {
        this.maxBodyBytes = limits.maxBodyBytes();
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(maxBodyBytes)
                        .build())
                .build();
        this.reader = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readerFor(JsonNode.class);
    }

    public JsonNode object(byte[] body) {
        return object(body, maxBodyBytes);
    }

    /** The body as a JSON object, for a route with a limit of its own ({@link BodyLimits#maxBulkBodyBytes()}). */
    public JsonNode object(byte[] body, int limit) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest(List.of(FieldError.ofBody("the body must be a JSON object")));
        }
        if (body.length > limit) {
            throw ApiException.payloadTooLarge(limit);
        }
        JsonNode root;
        try {
            root = reader.readValue(utf8(body));
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest(List.of(FieldError.ofBody("the body nests deeper than " + MAX_NESTING
                    + " levels or holds a string longer than the body limit")));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badRequest(List.of(FieldError.ofBody("malformed JSON" + where + ": " + problem(e))));
        } catch (IOException e) {
            throw ApiException.badRequest(List.of(FieldError.ofBody("unreadable body")));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest(List.of(FieldError.ofBody("the body must be a JSON object")));
        }
        rejectNul(root, List.of());
        return root;
    }

    /** Adds an error for every key of {@code json} outside {@code allowed}, naming the keys that are accepted. */
    public static void onlyKeys(JsonNode json, List<String> allowed, List<FieldError> errors) {
        json.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                errors.add(FieldError.at(key, "'" + key + "' is not accepted here; send " + String.join(", ", allowed)));
            }
        });
    }

    /** PostgreSQL text cannot hold U+0000: a string with one is bad input, reported where it is. */
    public static void rejectNul(JsonNode node, List<Object> path) {
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            throw ApiException.badRequest(List.of(new FieldError(path, "strings may not contain the NUL character")));
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> {
                List<Object> at = new java.util.ArrayList<>(path);
                at.add(entry.getKey());
                if (entry.getKey().indexOf('\u0000') >= 0) {
                    throw ApiException.badRequest(List.of(new FieldError(path,
                            "keys may not contain the NUL character")));
                }
                rejectNul(entry.getValue(), at);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> at = new java.util.ArrayList<>(path);
                at.add(i);
                rejectNul(node.get(i), at);
            }
        }
    }

    /**
     * JSON on the wire is UTF-8 (RFC 8259). Decoding strictly first refuses invalid sequences with one clear message,
     * and stops the parser from guessing UTF-16 or UTF-32, which another component in front of us would read
     * differently.
     */
    private static String utf8(byte[] body) {
        // RFC 8259 lets a parser ignore a byte order mark; some Windows clients send one.
        int start = body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf
                ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, start, body.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(List.of(FieldError.ofBody("the body is not valid UTF-8")));
        }
    }

    /**
     * What the parser found, for the client to fix: Jackson's own wording, first line only, without the names of
     * Jackson types and features it quotes in backticks.
     */
    private static String problem(JsonProcessingException e) {
        if (e instanceof MismatchedInputException) {
            return "unexpected data after the JSON object";
        }
        String message = e.getOriginalMessage();
        if (message == null) {
            return "invalid syntax";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.replaceAll("\\s*\\(?[^()`]*`[^`]*`[^()`]*\\)?", "").trim();
    }
}
