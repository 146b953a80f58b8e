package org.samplesapi.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import org.samplesapi.web.Ref;
import org.samplesapi.web.Timestamps;

/**
 * A policy event on the wire: whose policy ({@code organization} or {@code account}, the other one {@code null}),
 * who changed it, which field from what to what, and when.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PolicyEventView(
        @JsonProperty("id") String id,
        @Schema(nullable = true) @JsonProperty("organization") Ref organization,
        @Schema(nullable = true) @JsonProperty("account") Ref account,
        @JsonProperty("actor") Ref actor,
        @JsonProperty("field") String field,
        @Schema(nullable = true) @JsonProperty("old_value") String oldValue,
        @Schema(nullable = true) @JsonProperty("new_value") String newValue,
        @JsonProperty("created_at") String createdAt) {

    public static PolicyEventView of(PolicyEvent event) {
        return new PolicyEventView(event.id, Ref.toNullable("organizations", event.organizationId),
                Ref.toNullable("users", event.accountId), Ref.to("users", event.actorId), event.field,
                event.oldValue, event.newValue, Timestamps.format(event.createdAt));
    }
}
