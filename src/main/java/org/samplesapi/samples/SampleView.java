package org.samplesapi.samples;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.util.StdConverter;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.samplesapi.web.Ref;
import org.samplesapi.web.Refs;
import org.samplesapi.web.Timestamps;

/**
 * The sample object of the published reference: exactly these 13 members, nulls included. This is the only place
 * that decides how a {@link Sample} looks on the wire (its ids become {@code $ref}s, its times RFC 3339 text), and
 * the schema the OpenAPI document gives for it.
 */
@Schema(name = "Sample")
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder(alphabetic = true)
public record SampleView(
        @Schema(example = "/api/v1/samples/a1b2c3d4e5f67890") @JsonProperty("$uri") String uri,
        @Schema(description = "Timestamp for when the object was created on the One Codex platform, encoded as a"
                + " RFC 3339 timestamp.", example = "2023-11-07T05:31:56.000000+00:00")
        @JsonProperty("created_at") String createdAt,
        @Schema(description = "An error message if the sample failed to upload, import, or validate.", nullable = true)
        @JsonProperty("error_msg") String errorMsg,
        @Schema(description = "The sample filename.", nullable = true) @JsonProperty("filename") String filename,
        @Schema(description = "A metadata object.", nullable = true) @JsonProperty("metadata") Ref metadata,
        @Schema(description = "The owner of the sample.") @JsonProperty("owner") Ref owner,
        @Schema(description = "A reference to a Classification for the sample. Samples have none while they are"
                + " still importing or being uploaded.", nullable = true)
        @JsonProperty("primary_classification") Ref primaryClassification,
        @Schema(description = "The project the sample belongs to (optional).", nullable = true)
        @JsonProperty("project") Ref project,
        @Schema(description = "The size of the uploaded file in bytes.", nullable = true) @JsonProperty("size") Long size,
        @Schema(description = "The status of the sample.", enumeration = {"awaiting_data", "importing", "validating",
                "failed_validation", "available", "deleted"})
        @JsonProperty("status") String status,
        @Schema(description = "An (optionally empty) array of references to Tags describing the sample.")
        @JsonProperty("tags") List<Ref> tags,
        @Schema(description = "Timestamp for when the object was last updated, encoded as a RFC 3339 timestamp.")
        @JsonProperty("updated_at") String updatedAt,
        @Schema(description = "The visibility of the sample (affects who can view the sample and its analyses).",
                enumeration = {"public", "shared", "private"})
        @JsonProperty("visibility") String visibility) {

    static SampleView of(Sample sample) {
        return new SampleView(
                Refs.uri("samples", sample.id),
                Timestamps.format(sample.createdAt),
                sample.errorMsg,
                sample.filename,
                Ref.toNullable("metadata", sample.metadataId),
                Ref.to("users", sample.ownerId),
                Ref.toNullable("classifications", sample.primaryClassificationId),
                Ref.toNullable("projects", sample.projectId),
                sample.size,
                sample.status.wireName(),
                sample.tagIds.stream().map(id -> Ref.to("tags", id)).toList(),
                Timestamps.format(sample.updatedAt),
                sample.visibility.wireName());
    }

    /** How Jackson writes a {@link Sample}: as this view, wherever a resource answers one. */
    public static final class OfSample extends StdConverter<Sample, SampleView> {
        @Override
        public SampleView convert(Sample sample) {
            return of(sample);
        }
    }
}
