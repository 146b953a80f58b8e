package org.samplesapi.web;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reference in a request body, as the OpenAPI document shows it; {@link RequestRefs} reads it (or a bare id). */
@Schema(name = "Ref", description = "A reference to another object: {\"$ref\": \"/api/v1/<resource>/<id>\"}, or the"
        + " bare id", additionalProperties = Schema.False.class)
public record RefSchema(
        @Schema(name = "$ref", required = true, example = "/api/v1/projects/a1b2c3d4e5f67890") String ref) {
}
