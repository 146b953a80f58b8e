package org.samplesapi.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import org.samplesapi.web.Ref;
import org.samplesapi.web.Refs;
import org.samplesapi.web.Timestamps;

/**
 * A policy event on the wire: whose policy ({@code organization} or {@code account}, the other one {@code null}),
 * who changed it, which field from what to what, and when. A move or a join ({@code organization}) names the
 * organizations by their URIs and, on an organization's event, the member who left or joined.
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
        @JsonProperty("created_at") String createdAt,
        @Schema(nullable = true, description = "On an organization's move or join event: the user who left or joined")
        @JsonProperty("member") Ref member,
        @Schema(nullable = true, description = "The id the service gave the request that made the change")
        @JsonProperty("request_id") String requestId,
        @Schema(nullable = true, description = "The X-Request-Id the caller sent with that request")
        @JsonProperty("client_request_id") String clientRequestId) {

    public static PolicyEventView of(PolicyEvent event) {
        return new PolicyEventView(event.id, Ref.toNullable("organizations", event.organizationId),
                Ref.toNullable("users", event.accountId), Ref.to("users", event.actorId), event.field,
                render(event.field, event.oldValue), render(event.field, event.newValue),
                Timestamps.format(event.createdAt), Ref.toNullable("users", event.memberId), event.requestId,
                event.clientRequestId);
    }

    private static String render(String field, String value) {
        return value != null && PolicyEvent.ORGANIZATION.equals(field) ? Refs.uri("organizations", value) : value;
    }
}
