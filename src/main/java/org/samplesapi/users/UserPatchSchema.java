package org.samplesapi.users;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.samplesapi.web.RefOrId;

/**
 * The OpenAPI schema of a PATCH of a user's account: the policy keys of
 * {@link org.samplesapi.sharing.PolicyPatchSchema}, and the organization to move the user to.
 * {@link org.samplesapi.sharing.PolicyChangeParser} reads it.
 */
@Schema(name = "UserPatch", example = "{\"max_visibility\": \"shared\"}", description = "Only the keys sent change.")
record UserPatchSchema(
        @Schema(description = "true caps every sample at private") @JsonProperty("holds_pii") Boolean holdsPii,
        @Schema(enumeration = {"private", "shared", "public"}) @JsonProperty("max_visibility") String maxVisibility,
        @Schema(description = "Moves the user to this organization (platform administrators only): in the same"
                + " transaction, their samples above its cap are lowered to it, each audited by the administrator.")
        @JsonProperty("organization") RefOrId organization) {
}
