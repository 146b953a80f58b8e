package org.samplesapi.samples;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.samplesapi.web.RefOrId;

/**
 * A bulk change's body as the OpenAPI document shows it; the service reads it with {@link BulkUpdateParser}.
 */
@Schema(name = "BulkUpdate", example = "{\"ids\": [\"5a00000000000001\", \"5a00000000000002\"],"
        + " \"visibility\": \"shared\", \"mode\": \"apply_allowed\"}", description = "The samples, by 'ids' or by"
        + " 'where' (exactly one), and the change each gets, with PATCH's keys; at least one of them.",
        additionalProperties = Schema.False.class)
record BulkUpdateSchema(
        @Schema(description = "The samples to change: references or bare ids, at most 10,000; duplicates collapse.",
                maxItems = BulkUpdate.MAX_SAMPLES)
        List<RefOrId> ids,
        @Schema(description = "The samples to change: those the caller may read that match this filter, in the"
                + " grammar of the list routes' 'where' (as JSON, not URL-encoded); at most 10,000 may match.")
        Map<String, Object> where,
        @Schema(description = "all_or_nothing (the default): one refusal and nothing changes. apply_allowed: the"
                + " allowed samples change, the refused ones are listed.",
                enumeration = {"all_or_nothing", "apply_allowed"})
        String mode,
        @Schema(description = "As in a PATCH.", enumeration = {"public", "shared", "private"})
        String visibility,
        @Schema(description = "As in a PATCH: a project reference or id, or null to take the samples out of theirs.",
                nullable = true)
        RefOrId project,
        @Schema(description = "As in a PATCH: the complete new tags of every sample.", nullable = true)
        List<RefOrId> tags) {
}
