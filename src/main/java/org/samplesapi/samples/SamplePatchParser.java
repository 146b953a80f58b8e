package org.samplesapi.samples;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import org.samplesapi.policy.SampleChange;
import org.samplesapi.policy.Visibility;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.JsonBodies;
import org.samplesapi.web.RequestRefs;

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

    private final JsonBodies bodies;
    private final PatchLimits limits;

    public SamplePatchParser(JsonBodies bodies, PatchLimits limits) {
        this.bodies = bodies;
        this.limits = limits;
    }

    public SampleChange parse(byte[] body) {
        List<FieldError> errors = new ArrayList<>();
        SampleChange change = parse(bodies.object(body), errors);
        ApiException.rejectAny(errors);
        return change;
    }

    /** The change the keys of {@code root} ask for; what is wrong with them is added to {@code errors}. */
    SampleChange parse(JsonNode root, List<FieldError> errors) {
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
                    projectId = value.isNull() ? null : RequestRefs.id("project", null, "projects", value, errors);
                }
                case "tags" -> tagIds = tags(value, errors);
                default -> errors.add(FieldError.at(key, READ_ONLY.contains(key)
                        ? "'" + key + "' is read-only and cannot be changed"
                        : "'" + key + "' is not a field of samples; only 'visibility', 'project' and 'tags' may be changed"));
            }
        }
        return new SampleChange(visibility, setsProject, projectId, tagIds);
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
            String id = RequestRefs.id("tags", i, "tags", value.get(i), errors);
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
}
