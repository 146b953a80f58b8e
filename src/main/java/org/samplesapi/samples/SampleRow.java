package org.samplesapi.samples;

import java.time.Instant;
import java.util.List;

import org.samplesapi.persistence.Columns;
import org.samplesapi.policy.SampleStatus;
import org.samplesapi.policy.Visibility;

/** A sample as the API shows it: its own columns plus the ids of its metadata record and tags. */
public record SampleRow(String id, String ownerId, String projectId, String primaryClassificationId,
                        String metadataId, String filename, Long size, SampleStatus status, Visibility visibility,
                        String errorMsg, long version, Instant createdAt, Instant updatedAt, List<String> tagIds) {

    /**
     * The select list a {@link SampleRow} is read from, over {@code samples s} left-joined to {@code metadata m}.
     * {@link #VERSION_COLUMN} is the index of {@code s.version}.
     */
    static final String COLUMNS = """
            s.id, s.owner_id, s.project_id, s.primary_classification_id, m.id,
                   s.filename, s.size, s.status, s.visibility, s.error_msg, s.version, s.created_at, s.updated_at,
                   (SELECT string_agg(st.tag_id, ',' ORDER BY st.position) FROM sample_tags st
                     WHERE st.sample_id = s.id)""";
    static final int VERSION_COLUMN = 10;
    static final int COLUMN_COUNT = 14;

    public SampleRow {
        tagIds = List.copyOf(tagIds);
    }

    /** Reads the {@link #COLUMNS} of a row, leaving {@code columns} at the next column. */
    static SampleRow read(Columns columns) {
        return new SampleRow(columns.string(), columns.string(), columns.string(), columns.string(), columns.string(),
                columns.string(), columns.longValue(), columns.status(), columns.visibility(), columns.string(),
                columns.longValue(), columns.instant(), columns.instant(), columns.list());
    }

    /** This sample after an accepted change was written. */
    SampleRow withChange(Visibility newVisibility, String newProjectId, List<String> newTagIds, long newVersion,
                         Instant newUpdatedAt) {
        return new SampleRow(id, ownerId, newProjectId, primaryClassificationId, metadataId, filename, size, status,
                newVisibility, errorMsg, newVersion, createdAt, newUpdatedAt, newTagIds);
    }
}
