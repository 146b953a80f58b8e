package org.samplesapi.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import org.samplesapi.web.Ref;

/** A sample's metadata record, with the members of One Codex's metadata object. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MetadataView(
        @JsonProperty("$uri") String uri,
        @JsonProperty("custom") JsonNode custom,
        @JsonProperty("date_collected") String dateCollected,
        @JsonProperty("date_sequenced") String dateSequenced,
        @JsonProperty("description") String description,
        @JsonProperty("external_sample_id") String externalSampleId,
        @JsonProperty("library_type") String libraryType,
        @JsonProperty("location_lat") Double locationLat,
        @JsonProperty("location_lon") Double locationLon,
        @JsonProperty("location_string") String locationString,
        @JsonProperty("name") String name,
        @JsonProperty("platform") String platform,
        @JsonProperty("sample") Ref sample,
        @JsonProperty("sample_type") String sampleType,
        @JsonProperty("starred") boolean starred,
        @JsonProperty("updated_at") String updatedAt) {
}
