package org.samplesapi.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.samplesapi.web.Ref;

/** A sample's metadata record, with the members of One Codex's metadata object. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MetadataView(
        @JsonProperty("$uri") String uri,
        @Schema(implementation = java.util.Map.class, description = "The caller's own keys and values")
        @JsonProperty("custom") JsonNode custom,
        @Schema(nullable = true) @JsonProperty("date_collected") String dateCollected,
        @Schema(nullable = true) @JsonProperty("date_sequenced") String dateSequenced,
        @Schema(nullable = true) @JsonProperty("description") String description,
        @Schema(nullable = true) @JsonProperty("external_sample_id") String externalSampleId,
        @Schema(nullable = true) @JsonProperty("library_type") String libraryType,
        @Schema(nullable = true) @JsonProperty("location_lat") Double locationLat,
        @Schema(nullable = true) @JsonProperty("location_lon") Double locationLon,
        @Schema(nullable = true) @JsonProperty("location_string") String locationString,
        @Schema(nullable = true) @JsonProperty("name") String name,
        @Schema(nullable = true) @JsonProperty("platform") String platform,
        @JsonProperty("sample") Ref sample,
        @Schema(nullable = true) @JsonProperty("sample_type") String sampleType,
        @JsonProperty("starred") boolean starred,
        @JsonProperty("updated_at") String updatedAt) {
}
