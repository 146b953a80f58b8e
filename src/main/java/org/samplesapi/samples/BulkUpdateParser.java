package org.samplesapi.samples;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.samplesapi.policy.BulkMode;
import org.samplesapi.policy.SampleChange;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.BodyLimits;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.JsonBodies;
import org.samplesapi.web.RequestRefs;

/**
 * Reads a bulk change's body, or refuses it with every problem listed: {@code ids} or {@code where} (one of them),
 * {@code mode}, and the change keys a PATCH takes, read by {@link SamplePatchParser} with its strictness.
 */
@ApplicationScoped
public class BulkUpdateParser {

    private static final Set<String> SELECTION_KEYS = Set.of("ids", "where", "mode");

    private final JsonBodies bodies;
    private final SamplePatchParser changes;
    private final int maxBodyBytes;

    public BulkUpdateParser(JsonBodies bodies, SamplePatchParser changes, BodyLimits limits) {
        this.bodies = bodies;
        this.changes = changes;
        this.maxBodyBytes = limits.maxBulkBodyBytes();
    }

    public BulkUpdate parse(byte[] body) {
        JsonNode root = bodies.object(body, maxBodyBytes);
        List<FieldError> errors = new ArrayList<>();
        ObjectNode changeKeys = root.deepCopy();
        changeKeys.remove(SELECTION_KEYS);
        SampleChange change = changes.parse(changeKeys, errors);
        if (change.isEmpty() && errors.isEmpty()) {
            errors.add(FieldError.ofBody("name at least one of 'visibility', 'project' and 'tags' to change"));
        }
        List<String> ids = root.has("ids") ? ids(root.get("ids"), errors) : null;
        String where = root.has("where") ? where(root.get("where"), errors) : null;
        if (root.has("ids") == root.has("where")) {
            errors.add(FieldError.ofBody("name the samples by exactly one of 'ids' and 'where'"));
        }
        BulkMode mode = mode(root.get("mode"), errors);
        ApiException.rejectAny(errors);
        return new BulkUpdate(ids, where, change, mode);
    }

    private static List<String> ids(JsonNode value, List<FieldError> errors) {
        if (!value.isArray()) {
            errors.add(FieldError.at("ids", "'ids' must be an array of sample references"));
            return null;
        }
        if (value.size() > BulkUpdate.MAX_SAMPLES) {
            errors.add(FieldError.at("ids", "a bulk change names at most " + BulkUpdate.MAX_SAMPLES
                    + " samples, got " + value.size()));
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            String id = RequestRefs.id("ids", i, "samples", value.get(i), errors);
            if (id != null) {
                ids.add(id);
            }
        }
        if (ids.isEmpty() && value.isEmpty()) {
            errors.add(FieldError.at("ids", "'ids' names no sample"));
        }
        return List.copyOf(ids);
    }

    private static String where(JsonNode value, List<FieldError> errors) {
        if (!value.isObject()) {
            errors.add(FieldError.at("where", "'where' must be a JSON object, as the list routes take it"));
            return null;
        }
        return value.toString();
    }

    private static BulkMode mode(JsonNode value, List<FieldError> errors) {
        if (value == null) {
            return BulkMode.ALL_OR_NOTHING;
        }
        return (value.isTextual() ? BulkMode.fromWire(value.textValue()) : java.util.Optional.<BulkMode>empty())
                .orElseGet(() -> {
                    errors.add(FieldError.at("mode", "'mode' must be 'all_or_nothing' or 'apply_allowed'"));
                    return BulkMode.ALL_OR_NOTHING;
                });
    }
}
