package org.samplesapi.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.samplesapi.persistence.Ids;
import org.samplesapi.policy.PolicyChange;
import org.samplesapi.policy.PolicyChange.FieldChange;
import org.samplesapi.web.RequestIds;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One accepted change of a sharing-policy field, of an organization or of an account: who, when, from what to what.
 * A change of who governs a user (field {@code organization}) is one too, on the account and on each organization
 * concerned, which names the user as the member. Samples a tightening lowered name it as the cause of their audit
 * events. Never updated.
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

    /** On an organization's {@code organization} event: the user who left or joined it. */
    @Column(name = "member_id", updatable = false)
    public String memberId;

    /** The id the service gave the request that made the change. */
    @Column(name = "request_id", updatable = false)
    public String requestId;

    /** The {@code X-Request-Id} the caller sent with it, if any. */
    @Column(name = "client_request_id", updatable = false)
    public String clientRequestId;

    public static final String ORGANIZATION = "organization";

    /**
     * The events of a change of the organization governing {@code userId}, from {@code from} to {@code to} (either
     * {@code null} for none): one on the account, and one on each organization, naming the user as its member. The
     * account's comes first: it is the cause of the samples the change lowered.
     */
    public static List<PolicyEvent> governanceChange(String userId, String from, String to, String actorId,
                                                     Instant at) {
        FieldChange change = new FieldChange(ORGANIZATION, from, to);
        List<PolicyEvent> events = new ArrayList<>(3);
        events.add(ofAccount(userId, actorId, change, at));
        for (String organizationId : new String[] {from, to}) {
            if (organizationId != null) {
                PolicyEvent event = ofOrganization(organizationId, actorId, change, at);
                event.memberId = userId;
                events.add(event);
            }
        }
        return events;
    }

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
        event.requestId = RequestIds.current();
        event.clientRequestId = RequestIds.client();
        return event;
    }
}
