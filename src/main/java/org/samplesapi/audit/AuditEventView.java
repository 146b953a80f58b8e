package org.samplesapi.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import org.samplesapi.web.Ref;
import org.samplesapi.web.Refs;
import org.samplesapi.web.Timestamps;

/**
 * An audit event on the wire. {@code old_value}/{@code new_value} are the visibility name or a project reference
 * (the project's {@code $uri}), {@code null} where the sample had or got no project. {@code cause} is the policy event
 * whose tightening lowered the visibility, {@code null} for a change somebody requested of the sample itself.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEventView(
        @JsonProperty("id") String id,
        @JsonProperty("sample") Ref sample,
        @JsonProperty("actor") Ref actor,
        @JsonProperty("field") String field,
        @Schema(nullable = true) @JsonProperty("old_value") String oldValue,
        @Schema(nullable = true) @JsonProperty("new_value") String newValue,
        @JsonProperty("created_at") String createdAt,
        @Schema(nullable = true) @JsonProperty("cause") PolicyEventView cause,
        @Schema(nullable = true, description = "The id the service gave the request that made the change")
        @JsonProperty("request_id") String requestId,
        @Schema(nullable = true, description = "The X-Request-Id the caller sent with that request")
        @JsonProperty("client_request_id") String clientRequestId) {

    public static AuditEventView of(AuditEvent event) {
        return new AuditEventView(event.id, Ref.to("samples", event.sampleId), Ref.to("users", event.actorId),
                event.field, render(event.field, event.oldValue), render(event.field, event.newValue),
                Timestamps.format(event.createdAt), event.cause == null ? null : PolicyEventView.of(event.cause),
                event.requestId, event.clientRequestId);
    }

    private static String render(String field, String value) {
        return value != null && "project".equals(field) ? Refs.uri("projects", value) : value;
    }
}
