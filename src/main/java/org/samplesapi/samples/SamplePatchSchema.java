package org.samplesapi.samples;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.samplesapi.web.RefOrId;

/**
 * The PATCH body as the OpenAPI document shows it (the published reference page's fields and descriptions). Only a
 * description: the service reads the body with {@link SamplePatchParser}, which is stricter than a schema can say.
 */
@Schema(name = "SamplePatch", example = "{\"visibility\": \"shared\", \"project\": \"9000000000000001\","
        + " \"tags\": [\"7aa1000000000001\"]}", description = "Only the keys sent are changed; {} changes nothing. Any other key is a"
        + " 400 naming it.", additionalProperties = Schema.False.class)
record SamplePatchSchema(
        @Schema(description = "The visibility of the sample (affects who can view the sample and its analyses)."
                + " Making a sample more visible is checked against the owner's account and organization policies;"
                + " making it more private is always allowed.", enumeration = {"public", "shared", "private"})
        String visibility,
        @Schema(description = "The project the sample belongs to (optional): a reference"
                + " {\"$ref\": \"/api/v1/projects/<id>\"} or the bare id; null takes the sample out of its project."
                + " Needs the can_add_files permission on the project.", nullable = true)
        RefOrId project,
        @Schema(description = "An (optionally empty) array of references to Tags describing the sample. Replaces"
                + " the sample's tags; duplicates collapse; null is the empty array.", nullable = true)
        List<RefOrId> tags) {
}
