package org.samplesapi.bench.peer;

import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A row of the service's {@code audit_events} table: one per changed field of a sample. The database numbers the rows
 * ({@code seq}); {@code request_id} stays null, as this application has no request ids.
 */
@Entity
@Table(name = "audit_events")
public class AuditEvent extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "sample_id")
    public String sampleId;

    @Column(name = "actor_id")
    public String actorId;

    public String field;

    @Column(name = "old_value")
    public String oldValue;

    @Column(name = "new_value")
    public String newValue;

    @Column(name = "created_at")
    public Instant createdAt;

    /** An event with a new id in the service's format (16 hex digits). */
    static AuditEvent of(Sample sample, User actor, String field, String oldValue, String newValue, Instant at) {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        AuditEvent event = new AuditEvent();
        event.id = HexFormat.of().formatHex(bytes);
        event.sampleId = sample.id;
        event.actorId = actor.id;
        event.field = field;
        event.oldValue = oldValue;
        event.newValue = newValue;
        event.createdAt = at;
        return event;
    }
}
