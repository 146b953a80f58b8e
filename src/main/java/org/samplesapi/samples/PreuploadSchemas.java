package org.samplesapi.samples;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.samplesapi.metadata.MetadataPatchSchema;
import org.samplesapi.web.RefOrId;

/** One Codex's preupload as the OpenAPI document shows it; SampleResource#preupload reads the body. */
final class PreuploadSchemas {

    private PreuploadSchemas() {
    }

    @Schema(name = "Preupload", example = "{\"metadata\": {\"name\": \"Run 12\"}, \"tags\": [{\"name\": \"WGS\"}]}",
            description = "All keys optional", additionalProperties = Schema.False.class)
    record Request(MetadataPatchSchema metadata, @Schema(nullable = true) RefOrId project,
                   @Schema(nullable = true) List<TagName> tags) {
    }

    @Schema(name = "TagName", description = "A tag of the caller's by name (created if new)",
            additionalProperties = Schema.False.class)
    record TagName(@Schema(required = true, minLength = 1, maxLength = 30, example = "WGS") String name) {
    }

    @Schema(name = "PreuploadCreated")
    record Created(@Schema(required = true, example = "a1b2c3d4e5f67890") String sample_id) {
    }
}
