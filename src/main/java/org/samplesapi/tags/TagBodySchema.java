package org.samplesapi.tags;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.samplesapi.web.RefOrId;

/** POST /api/v1/tags as the OpenAPI document shows it; TagResource reads the body. */
@Schema(name = "TagCreate", example = "{\"name\": \"WGS\", \"sample\": \"5a00000000000001\"}",
        description = "A tag of the caller's, optionally put on one of their samples",
        additionalProperties = Schema.False.class)
record TagBodySchema(
        @Schema(required = true, minLength = 1, maxLength = 30, example = "WGS") String name,
        @Schema(description = "A sample the caller may change, to tag at once") RefOrId sample) {
}
