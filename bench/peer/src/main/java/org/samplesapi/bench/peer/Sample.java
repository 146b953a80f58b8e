package org.samplesapi.bench.peer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A row of the service's {@code samples} table, with the columns a PATCH reads, changes or answers. */
@Entity
@Table(name = "samples")
public class Sample extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "project_id")
    public String projectId;

    public String filename;

    public Long size;

    public String status;

    public String visibility;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
