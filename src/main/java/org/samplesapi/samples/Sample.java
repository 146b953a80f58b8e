package org.samplesapi.samples;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.samplesapi.policy.SampleStatus;
import org.samplesapi.policy.Visibility;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A sample row. References to other objects are kept as ids: the API only ever renders them as {@code $ref}s, and
 * plain columns keep Hibernate from loading (or lazily failing to load) related rows.
 */
@Entity
@Table(name = "samples")
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

    /** Bumped by every write, never by Hibernate: it is the ETag and the If-Match comparand. */
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
