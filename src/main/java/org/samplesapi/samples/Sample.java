package org.samplesapi.samples;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.Id;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.samplesapi.persistence.Columns;
import org.samplesapi.policy.SampleStatus;
import org.samplesapi.policy.Visibility;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A sample, as stored and as the API answers it ({@link SampleView} renders it). References to other objects are
 * kept as ids: the API only ever renders them as {@code $ref}s, and plain columns keep Hibernate from loading (or
 * lazily failing to load) related rows. Its metadata record's id and its ordered tag ids live in other tables; the
 * repository reads them with the sample.
 */
@Entity
@Table(name = "samples")
@JsonSerialize(converter = SampleView.OfSample.class)
@SqlResultSetMapping(name = SampleRepository.CONTEXT_MAPPING, entities = @EntityResult(entityClass = Sample.class),
        columns = {@ColumnResult(name = "metadata_id"), @ColumnResult(name = "tag_ids"),
            @ColumnResult(name = "owner_organization_id"), @ColumnResult(name = "owner_email"),
            @ColumnResult(name = "owner_max_visibility"), @ColumnResult(name = "owner_holds_pii"),
            @ColumnResult(name = "organization_name"), @ColumnResult(name = "organization_max_visibility"),
            @ColumnResult(name = "organization_holds_pii"), @ColumnResult(name = "caller_in_project"),
            @ColumnResult(name = "target_project_id"), @ColumnResult(name = "target_project_owned"),
            @ColumnResult(name = "target_project_public"), @ColumnResult(name = "target_project_permissions"),
            @ColumnResult(name = "target_project_member"), @ColumnResult(name = "usable_tag_ids"),
            @ColumnResult(name = "snapshot_version")})
public class Sample extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "project_id")
    public String projectId;

    @Column(name = "primary_classification_id")
    public String primaryClassificationId;

    @Column(columnDefinition = "text")
    public String filename;

    public Long size;

    @Column(nullable = false)
    public SampleStatus status;

    @Column(nullable = false)
    public Visibility visibility;

    @Column(name = "error_msg", columnDefinition = "text")
    public String errorMsg;

    /** The ETag and the If-Match comparand; Hibernate moves it on with every write of the row. */
    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The id of the sample's metadata record (a row of {@code metadata}). */
    @Transient
    public String metadataId;

    /** The sample's tags in order (rows of {@code sample_tags}). */
    @Transient
    public List<String> tagIds = List.of();

    /** The list routes' select list, over {@code samples s} left-joined to {@code metadata m}. */
    static final String LIST_COLUMNS = """
            s.id, s.owner_id, s.project_id, s.primary_classification_id, m.id,
                   s.filename, s.size, s.status, s.visibility, s.error_msg, s.version, s.created_at, s.updated_at,
                   (SELECT string_agg(st.tag_id, ',' ORDER BY st.position) FROM sample_tags st
                     WHERE st.sample_id = s.id)""";
    static final int LIST_COLUMN_COUNT = 14;

    /** A sample read from a list row ({@link #LIST_COLUMNS}): a value to render, not attached to any session. */
    static Sample read(Columns columns) {
        Sample sample = new Sample();
        sample.id = columns.string();
        sample.ownerId = columns.string();
        sample.projectId = columns.string();
        sample.primaryClassificationId = columns.string();
        sample.metadataId = columns.string();
        sample.filename = columns.string();
        sample.size = columns.longValue();
        sample.status = columns.status();
        sample.visibility = columns.visibility();
        sample.errorMsg = columns.string();
        sample.version = columns.longValue();
        sample.createdAt = columns.instant();
        sample.updatedAt = columns.instant();
        sample.tagIds = columns.list();
        return sample;
    }
}
