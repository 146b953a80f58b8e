package org.samplesapi.samples;

import java.time.Instant;
import java.util.List;

import org.samplesapi.policy.SampleStatus;
import org.samplesapi.policy.Visibility;

/** A sample as the API shows it: its own columns plus the ids of its metadata record and tags. */
public record SampleRow(String id, String ownerId, String projectId, String primaryClassificationId,
                        String metadataId, String filename, Long size, SampleStatus status, Visibility visibility,
                        String errorMsg, long version, Instant createdAt, Instant updatedAt, List<String> tagIds) {

    public SampleRow {
        tagIds = List.copyOf(tagIds);
    }

    /** This sample after an accepted change was written. */
    SampleRow withChange(Visibility newVisibility, String newProjectId, List<String> newTagIds, long newVersion,
                         Instant newUpdatedAt) {
        return new SampleRow(id, ownerId, newProjectId, primaryClassificationId, metadataId, filename, size, status,
                newVisibility, errorMsg, newVersion, createdAt, newUpdatedAt, newTagIds);
    }
}
