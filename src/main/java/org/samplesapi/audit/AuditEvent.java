package org.samplesapi.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.samplesapi.persistence.Ids;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One accepted change of a sample's visibility or project: who, when, from what to what. Never updated. */
@Entity
@Table(name = "audit_events")
public class AuditEvent extends PanacheEntityBase {

    @Id
    public String id;

    /** Assigned by the database on insert, while the sample row is locked: the order of a sample's changes. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "sample_id", nullable = false, updatable = false)
    public String sampleId;

    @Column(name = "actor_id", nullable = false, updatable = false)
    public String actorId;

    @Column(nullable = false, updatable = false)
    public String field;

    @Column(name = "old_value", columnDefinition = "text", updatable = false)
    public String oldValue;

    @Column(name = "new_value", columnDefinition = "text", updatable = false)
    public String newValue;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public static AuditEvent of(String sampleId, String actorId, String field, String oldValue, String newValue,
                                Instant at) {
        AuditEvent event = new AuditEvent();
        event.id = Ids.newId();
        event.sampleId = sampleId;
        event.actorId = actorId;
        event.field = field;
        event.oldValue = oldValue;
        event.newValue = newValue;
        event.createdAt = at;
        return event;
    }
}
