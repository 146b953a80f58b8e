package org.samplesapi.sharing;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The OpenAPI schema of a policy PATCH body (organization or account); {@link PolicyChangeParser} reads it. */
@Schema(name = "PolicyPatch", example = "{\"max_visibility\": \"shared\"}", description = "Only the keys sent change.")
public record PolicyPatchSchema(
        @Schema(description = "true caps every sample at private") @JsonProperty("holds_pii") Boolean holdsPii,
        @Schema(enumeration = {"private", "shared", "public"}) @JsonProperty("max_visibility") String maxVisibility) {
}
