package org.samplesapi.sharing;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.audit.AuditTrail;
import org.samplesapi.audit.PolicyEvent;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.PolicyChange;
import org.samplesapi.policy.SharingPolicy;
import org.samplesapi.policy.PolicyHolder;
import org.samplesapi.samples.SampleService;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.ETags;
import org.samplesapi.web.Timestamps;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies an allowed change to a sharing policy, in the caller's transaction, on a holder row it has locked: a policy
 * event per field that really changes, the new values (and version) flushed, and, when the cap came down, every
 * sample of the holder above it lowered to it with that change as the cause. PATCHes that make a sample more visible
 * hold the policy rows shared while they decide, so none of them commits a visibility the new cap forbids: each
 * finished before the change took its lock, and is lowered with the rest, or waits for it and is refused.
 */
@ApplicationScoped
public class PolicyChanges {

    private final AuditTrail auditTrail;
    private final SampleService samples;

    public PolicyChanges(AuditTrail auditTrail, SampleService samples) {
        this.auditTrail = auditTrail;
        this.samples = samples;
    }

    /**
     * {@code ifMatch} (optional) must match the holder's current ETag. Values equal to the current ones are not
     * changes: neither written nor audited.
     */
    public <T extends SharingPolicyHolder> Uni<T> apply(Caller caller, T holder, PolicyChange change, String ifMatch) {
        if (ifMatch != null && !ETags.matches(ifMatch, holder.version)) {
            return Uni.createFrom().failure(ApiException.preconditionFailed(holder.noun()));
        }
        SharingPolicy before = holder.policy();
        List<PolicyChange.FieldChange> changes = change.fieldChanges(before);
        if (changes.isEmpty()) {
            return Uni.createFrom().item(holder);
        }
        Instant now = Timestamps.now();
        PolicyHolder kind = holder.holderKind();
        List<PolicyEvent> events = changes.stream().map(field -> switch (kind) {
            case ORGANIZATION -> PolicyEvent.ofOrganization(holder.holderId(), caller.userId(), field, now);
            case ACCOUNT -> PolicyEvent.ofAccount(holder.holderId(), caller.userId(), field, now);
        }).toList();
        SharingPolicy after = change.applyTo(before);
        holder.holdsPii = after.holdsPii();
        holder.maxVisibility = after.mostPermissive();
        holder.updatedAt = now;
        return auditTrail.recordPolicyChanges(events)
                .chain(Panache::flush) // the policy events exist before the samples' audit events name them
                .chain(() -> samples.bindToTightenedPolicy(kind, holder.holderId(), before.cap(), after.cap(),
                        caller.userId(), PolicyEvent.causeOfLowering(events).id, now))
                .replaceWith(holder);
    }
}
