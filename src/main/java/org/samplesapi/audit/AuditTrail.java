package org.samplesapi.audit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The audit trails: of samples, and of sharing policies. Events are recorded in the caller's transaction, and read
 * back in their order.
 */
@ApplicationScoped
public class AuditTrail {

    private final AuditEventRepository events;
    private final PolicyEventRepository policyEvents;

    public AuditTrail(AuditEventRepository events, PolicyEventRepository policyEvents) {
        this.events = events;
        this.policyEvents = policyEvents;
    }

    /** Persists the events in the current session; the transaction's flush writes them. */
    public Uni<Void> record(List<AuditEvent> recorded) {
        return recorded.isEmpty() ? Uni.createFrom().voidItem() : events.persist(recorded);
    }

    /** Persists policy events in the current session; the transaction's flush writes them. */
    public Uni<Void> recordPolicyChanges(List<PolicyEvent> recorded) {
        return recorded.isEmpty() ? Uni.createFrom().voidItem() : policyEvents.persist(recorded);
    }

    /** A sample's events, each lowering by a policy with that policy change as its cause. */
    public Uni<List<AuditEvent>> ofSample(String sampleId) {
        return events.forSample(sampleId).chain(trail -> {
            List<String> causes = trail.stream().map(event -> event.policyEventId).filter(Objects::nonNull)
                    .distinct().toList();
            if (causes.isEmpty()) {
                return Uni.createFrom().item(trail);
            }
            return policyEvents.byIds(causes).map(found -> {
                Map<String, PolicyEvent> byId = found.stream()
                        .collect(Collectors.toMap(event -> event.id, Function.identity()));
                trail.forEach(event -> event.cause = event.policyEventId == null ? null : byId.get(event.policyEventId));
                return trail;
            });
        });
    }

    public Uni<List<PolicyEvent>> ofOrganization(String organizationId) {
        return policyEvents.forOrganization(organizationId);
    }

    public Uni<List<PolicyEvent>> ofAccount(String accountId) {
        return policyEvents.forAccount(accountId);
    }
}
