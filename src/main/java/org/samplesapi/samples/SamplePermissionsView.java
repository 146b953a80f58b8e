package org.samplesapi.samples;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.samplesapi.policy.Decision;
import org.samplesapi.policy.SamplePermissions;
import org.samplesapi.policy.Visibility;
import org.samplesapi.web.Refs;

/**
 * {@code GET /api/v1/samples/{id}/permissions}: each thing the caller might do, allowed or not, and for a refusal the
 * {@code code} and {@code message} the request itself would be answered with.
 */
@Schema(name = "SamplePermissions")
public record SamplePermissionsView(
        @JsonProperty("$uri") String uri,
        @Schema(description = "Each visibility the sample could be given, keyed by its name")
        @JsonProperty("visibility") Map<String, Permission> visibility,
        @JsonProperty("project") Permission project,
        @JsonProperty("tags") Permission tags,
        @JsonProperty("delete") Permission delete) {

    @Schema(name = "Permission")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Permission(@JsonProperty("allowed") boolean allowed, @JsonProperty("code") String code,
                             @JsonProperty("message") String message) {

        static Permission of(Decision decision) {
            return decision instanceof Decision.Deny deny
                    ? new Permission(false, deny.reason().code(), deny.message())
                    : new Permission(true, null, null);
        }
    }

    static SamplePermissionsView of(String sampleId, SamplePermissions permissions) {
        Map<String, Permission> visibility = new LinkedHashMap<>();
        for (Visibility each : Visibility.values()) {
            visibility.put(each.wireName(), Permission.of(permissions.visibility().get(each)));
        }
        return new SamplePermissionsView(Refs.uri("samples", sampleId) + "/permissions", visibility,
                Permission.of(permissions.project()), Permission.of(permissions.tags()),
                Permission.of(permissions.delete()));
    }
}
