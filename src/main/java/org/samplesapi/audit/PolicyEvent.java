package org.samplesapi.audit;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.samplesapi.persistence.Ids;
import org.samplesapi.policy.PolicyChange;
import org.samplesapi.policy.PolicyChange.FieldChange;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One accepted change of a sharing-policy field, of an organization or of an account: who, when, from what to what.
 * Samples a tightening lowered name it as the cause of their audit events. Never updated.
 */
@Entity
@Table(name = "policy_events")
public class PolicyEvent extends PanacheEntityBase {

    @Id
    public String id;

    /** Assigned by the database on insert, while the policy row is locked: the order of a policy's changes. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "organization_id", updatable = false)
    public String organizationId;

    @Column(name = "account_id", updatable = false)
    public String accountId;

    @Column(name = "actor_id", nullable = false, updatable = false)
    public String actorId;

    @Column(nullable = false, updatable = false)
    public String field;

    @Column(name = "old_value", columnDefinition = "text", nullable = false, updatable = false)
    public String oldValue;

    @Column(name = "new_value", columnDefinition = "text", nullable = false, updatable = false)
    public String newValue;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public static PolicyEvent ofOrganization(String organizationId, String actorId, FieldChange change, Instant at) {
        PolicyEvent event = of(actorId, change, at);
        event.organizationId = organizationId;
        return event;
    }

    public static PolicyEvent ofAccount(String accountId, String actorId, FieldChange change, Instant at) {
        PolicyEvent event = of(actorId, change, at);
        event.accountId = accountId;
        return event;
    }

    /**
     * Of the events of one policy change, the one that brought the cap down: declaring PII (which caps at private)
     * before lowering max_visibility.
     */
    public static PolicyEvent causeOfLowering(List<PolicyEvent> events) {
        return events.stream().filter(event -> event.field.equals(PolicyChange.HOLDS_PII) && "true".equals(event.newValue))
                .findFirst()
                .orElseGet(() -> events.stream().filter(event -> event.field.equals(PolicyChange.MAX_VISIBILITY))
                        .findFirst().orElse(events.get(0)));
    }

    private static PolicyEvent of(String actorId, FieldChange change, Instant at) {
        PolicyEvent event = new PolicyEvent();
        event.id = Ids.newId();
        event.actorId = actorId;
        event.field = change.field();
        event.oldValue = change.oldValue();
        event.newValue = change.newValue();
        event.createdAt = at;
        return event;
    }
}
