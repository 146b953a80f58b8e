package org.samplesapi.web;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A reference to another object on the wire: {@code {"$ref": "/api/v1/<resource>/<id>"}}. Answers carry it; request
 * bodies may send it, or the bare id ({@link RefOrId}).
 */
@Schema(name = "Ref", description = "A reference to another object: {\"$ref\": \"/api/v1/<resource>/<id>\"}",
        additionalProperties = Schema.False.class)
public record Ref(
        @Schema(name = "$ref", required = true, example = "/api/v1/projects/a1b2c3d4e5f67890")
        @JsonProperty("$ref") String ref) {

    public static Ref to(String resource, String id) {
        return new Ref(Refs.uri(resource, id));
    }

    /** A reference to an optional object: {@code null} stays {@code null} on the wire. */
    public static Ref toNullable(String resource, String id) {
        return id == null ? null : to(resource, id);
    }
}
