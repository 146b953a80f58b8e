package org.samplesapi.metadata;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A metadata record's changeable fields as the OpenAPI document shows them (PATCH /api/v1/metadata/{id}, and the
 * metadata of a preupload); {@link MetadataPatchParser} reads them. Only the keys sent change.
 */
@Schema(name = "MetadataPatch", example = "{\"name\": \"Soil core 12\", \"platform\": \"Illumina MiSeq\", \"starred\": true}",
        description = "Only the keys sent change. $uri, sample, created_at and updated_at are"
        + " read-only (a 400 names them).", additionalProperties = Schema.False.class)
public record MetadataPatchSchema(
        @Schema(nullable = true, maxLength = 255, example = "Soil core 12") String name,
        @Schema(nullable = true, maxLength = 100000) String description,
        @Schema(nullable = true, maxLength = 60, example = "SC-12") String external_sample_id,
        @Schema(nullable = true, maxLength = 255, example = "Mount Tamalpais") String location_string,
        @Schema(nullable = true, minimum = "-90", maximum = "90") Double location_lat,
        @Schema(nullable = true, minimum = "-180", maximum = "180") Double location_lon,
        @Schema(nullable = true, description = "RFC 3339 with offset") java.time.OffsetDateTime date_collected,
        @Schema(nullable = true, description = "RFC 3339 with offset") java.time.OffsetDateTime date_sequenced,
        @Schema(nullable = true, enumeration = {"WGS", "Targeted/16S", "Other"}) String library_type,
        @Schema(nullable = true, enumeration = {"Isolate", "Metagenomic", "Other"}) String sample_type,
        @Schema(nullable = true, description = "One of the sequencing platforms One Codex lists, e.g. Illumina MiSeq")
        String platform,
        Boolean starred,
        @Schema(description = "At most 100 keys; values are strings, numbers, booleans or null", maxProperties = 100)
        Map<String, Object> custom) {
}
