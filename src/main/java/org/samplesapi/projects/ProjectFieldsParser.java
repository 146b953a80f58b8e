package org.samplesapi.projects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import org.samplesapi.web.ApiException;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.JsonBodies;

/** The writable project fields with the hyper-schema's constraints: name (≤ 60), description, project_name. */
@ApplicationScoped
public class ProjectFieldsParser {

    private static final Pattern PROJECT_NAME = Pattern.compile("[a-z0-9_]{3,15}");
    private static final Set<String> READ_ONLY = Set.of("$uri", "owner", "permissions", "public");

    private final JsonBodies bodies;

    public ProjectFieldsParser(JsonBodies bodies) {
        this.bodies = bodies;
    }

    /** Column → value of the keys sent; {@code requireName} for creation. */
    public Map<String, Object> parse(byte[] body, boolean requireName) {
        JsonNode root = bodies.object(body);
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        root.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            switch (key) {
                case "name" -> {
                    if (value.isTextual() && !value.textValue().isBlank() && value.textValue().length() <= 60) {
                        fields.put("name", value.textValue());
                    } else {
                        errors.add(FieldError.at(key, "'name' must be a non-empty string of at most 60 characters"));
                    }
                }
                case "description" -> {
                    if (value.isNull() || value.isTextual()) {
                        fields.put("description", value.isNull() ? null : value.textValue());
                    } else {
                        errors.add(FieldError.at(key, "'description' must be a string or null"));
                    }
                }
                case "project_name" -> {
                    if (value.isNull() || value.isTextual() && PROJECT_NAME.matcher(value.textValue()).matches()) {
                        fields.put("project_name", value.isNull() ? null : value.textValue());
                    } else {
                        errors.add(FieldError.at(key, "'project_name' must be 3 to 15 of a-z, 0-9 and _, or null"));
                    }
                }
                default -> errors.add(FieldError.at(key, READ_ONLY.contains(key)
                        ? "'" + key + "' is read-only" + (key.equals("public") ? "; use change_sharing" : "")
                        : "'" + key + "' is not a field of projects"));
            }
        });
        if (requireName && !root.has("name")) {
            errors.add(FieldError.at("name", "'name' is required"));
        }
        ApiException.rejectAny(errors);
        return fields;
    }
}
