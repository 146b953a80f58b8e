package org.samplesapi.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.samplesapi.persistence.Ids;
import org.samplesapi.web.RequestIds;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One accepted change of a sample's visibility, project or status: who, when, from what to what, and for a
 * visibility a policy tightening lowered, the policy change that did. Never updated.
 */
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

    /** The policy change that lowered the sample's visibility, when a tightening (not a PATCH) made this change. */
    @Column(name = "policy_event_id", updatable = false)
    public String policyEventId;

    /** The request that made the change, by the id the service gave it: the events of one bulk change share it. */
    @Column(name = "request_id", updatable = false)
    public String requestId;

    /** The {@code X-Request-Id} the caller sent with that request, if any: theirs to choose, so only a hint. */
    @Column(name = "client_request_id", updatable = false)
    public String clientRequestId;

    /** That policy event, when read back for the audit trail. */
    @Transient
    public PolicyEvent cause;

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
        event.requestId = RequestIds.current();
        event.clientRequestId = RequestIds.client();
        return event;
    }
}
