package org.samplesapi.web;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;


/** References in request bodies: {@code {"$ref": "/api/v1/<resource>/<id>"}} or the bare id. */
public final class RequestRefs {

    private RequestRefs() {
    }

    /**
     * A reference given as {@code {"$ref": "/api/v1/<resource>/<id>"}} or as the bare id; a {@code $ref} to another
     * resource type, extra keys, or a malformed id are errors.
     */
    public static String id(String key, Integer index, String resource, JsonNode value, List<FieldError> errors) {
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
        if (!ApiIds.isWellFormed(id)) {
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
}
