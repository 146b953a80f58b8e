package org.samplesapi.samples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.samplesapi.persistence.Ids;
import org.samplesapi.policy.SampleChange;
import org.samplesapi.policy.Visibility;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.BodyLimits;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.Refs;

/**
 * Reads a PATCH body into a {@link SampleChange}, or refuses it with every problem listed. Strict on purpose: only
 * {@code visibility}, {@code project} and {@code tags} may appear; read-only and unknown keys, duplicate keys, wrong
 * types and system-only visibilities are errors, so a mistaken client never believes a change was applied.
 */
@ApplicationScoped
public class SamplePatchParser {

    private static final Set<String> READ_ONLY = Set.of("$uri", "created_at", "error_msg", "filename", "metadata",
            "owner", "primary_classification", "size", "status", "updated_at");
    private static final Set<String> SYSTEM_VISIBILITIES = Set.of("importing", "awaiting data", "awaiting_data");

    private final ObjectReader reader;
    private final PatchLimits limits;
    private final int maxBodyBytes;

    public SamplePatchParser(PatchLimits limits, BodyLimits bodyLimits) {
        this.limits = limits;
        this.maxBodyBytes = bodyLimits.maxBodyBytes();
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(16)
                        .maxStringLength(maxBodyBytes)
                        .build())
                .build();
        this.reader = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readerFor(JsonNode.class);
    }

    public SampleChange parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest(List.of(FieldError.ofBody("the body must be a JSON object")));
        }
        if (body.length > maxBodyBytes) {
            throw ApiException.payloadTooLarge(maxBodyBytes);
        }
        JsonNode root = readTree(body);
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest(List.of(FieldError.ofBody("the body must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        Visibility visibility = null;
        boolean setsProject = false;
        String projectId = null;
        List<String> tagIds = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "visibility" -> visibility = visibility(value, errors);
                case "project" -> {
                    setsProject = true;
                    projectId = value.isNull() ? null : reference("project", null, "projects", value, errors);
                }
                case "tags" -> tagIds = tags(value, errors);
                default -> errors.add(FieldError.at(key, READ_ONLY.contains(key)
                        ? "'" + key + "' is read-only and cannot be changed"
                        : "'" + key + "' is not a field of samples; only 'visibility', 'project' and 'tags' may be changed"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return new SampleChange(visibility, setsProject, projectId, tagIds);
    }

    private JsonNode readTree(byte[] body) {
        try {
            return reader.readValue(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badRequest(List.of(FieldError.ofBody("malformed JSON" + where + ": "
                    + firstLine(e.getOriginalMessage()))));
        } catch (IOException e) {
            throw ApiException.badRequest(List.of(FieldError.ofBody("unreadable body")));
        }
    }

    private static Visibility visibility(JsonNode value, List<FieldError> errors) {
        if (!value.isTextual()) {
            errors.add(FieldError.at("visibility", "'visibility' must be one of 'private', 'shared', 'public'"));
            return null;
        }
        String text = value.textValue();
        if (SYSTEM_VISIBILITIES.contains(text)) {
            errors.add(FieldError.at("visibility", "'" + text + "' is set by the system while a sample is imported;"
                    + " 'visibility' must be one of 'private', 'shared', 'public'"));
            return null;
        }
        return Visibility.fromWire(text).orElseGet(() -> {
            errors.add(FieldError.at("visibility", "'visibility' must be one of 'private', 'shared', 'public'"));
            return null;
        });
    }

    private List<String> tags(JsonNode value, List<FieldError> errors) {
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            errors.add(FieldError.at("tags", "'tags' must be an array of tag references"));
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            String id = reference("tags", i, "tags", value.get(i), errors);
            if (id != null) {
                ids.add(id);
            }
        }
        if (ids.size() > limits.maxTags()) {
            errors.add(FieldError.at("tags", "a sample may carry at most " + limits.maxTags() + " tags, got "
                    + ids.size()));
        }
        return List.copyOf(ids);
    }

    /**
     * A reference given as {@code {"$ref": "/api/v1/<resource>/<id>"}} or as the bare id; a {@code $ref} to another
     * resource type, extra keys, or a malformed id are errors.
     */
    private static String reference(String key, Integer index, String resource, JsonNode value,
                                     List<FieldError> errors) {
        String what = index == null ? "'" + key + "'" : "'" + key + "[" + index + "]'";
        String expected = what + " must be a reference {\"$ref\": \"" + Refs.API_ROOT + resource
                + "/<id>\"} or a bare " + resource.substring(0, resource.length() - 1) + " id";
        String id;
        if (value.isTextual()) {
            id = value.textValue();
        } else if (value.isObject() && value.size() == 1 && value.has("$ref") && value.get("$ref").isTextual()) {
            id = Refs.idOf(resource, value.get("$ref").textValue());
            if (id == null) {
                errors.add(at(key, index, what + " must reference " + Refs.API_ROOT + resource + "/<id>, got '"
                        + abbreviate(value.get("$ref").textValue()) + "'"));
                return null;
            }
        } else {
            errors.add(at(key, index, expected));
            return null;
        }
        if (!Ids.isWellFormed(id)) {
            errors.add(at(key, index, what + " is not a well-formed id (16 lowercase letters or digits)"));
            return null;
        }
        return id;
    }

    private static FieldError at(String key, Integer index, String message) {
        return index == null ? FieldError.at(key, message) : FieldError.at(key, index, message);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid syntax";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
