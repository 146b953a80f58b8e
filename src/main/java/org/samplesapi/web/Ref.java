package org.samplesapi.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A reference to another object on the wire: {@code {"$ref": "/api/v1/<resource>/<id>"}}. */
public record Ref(@JsonProperty("$ref") String ref) {

    public static Ref to(String resource, String id) {
        return new Ref(Refs.uri(resource, id));
    }

    /** A reference to an optional object: {@code null} stays {@code null} on the wire. */
    public static Ref toNullable(String resource, String id) {
        return id == null ? null : to(resource, id);
    }
}
