package org.samplesapi.samples;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.samplesapi.web.Ref;
import org.samplesapi.web.Refs;
import org.samplesapi.web.Timestamps;

/**
 * The sample object of the published reference: exactly these 13 members, nulls included. This is the only place
 * that decides how a sample looks on the wire.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder(alphabetic = true)
public record SampleView(
        @JsonProperty("$uri") String uri,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("error_msg") String errorMsg,
        @JsonProperty("filename") String filename,
        @JsonProperty("metadata") Ref metadata,
        @JsonProperty("owner") Ref owner,
        @JsonProperty("primary_classification") Ref primaryClassification,
        @JsonProperty("project") Ref project,
        @JsonProperty("size") Long size,
        @JsonProperty("status") String status,
        @JsonProperty("tags") List<Ref> tags,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("visibility") String visibility) {

    static SampleView of(SampleRow row) {
        return new SampleView(
                Refs.uri("samples", row.id()),
                Timestamps.format(row.createdAt()),
                row.errorMsg(),
                row.filename(),
                Ref.toNullable("metadata", row.metadataId()),
                Ref.to("users", row.ownerId()),
                Ref.toNullable("classifications", row.primaryClassificationId()),
                Ref.toNullable("projects", row.projectId()),
                row.size(),
                row.status().wireName(),
                row.tagIds().stream().map(id -> Ref.to("tags", id)).toList(),
                Timestamps.format(row.updatedAt()),
                row.visibility().wireName());
    }
}
