package org.samplesapi.organizations;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.samplesapi.audit.AuditTrail;
import org.samplesapi.audit.PolicyEvent;
import org.samplesapi.persistence.PolicyLocks;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.Decision;
import org.samplesapi.policy.DenialReason;
import org.samplesapi.policy.ItemRef;
import org.samplesapi.policy.PolicyAdministration;
import org.samplesapi.policy.PolicyChange;
import org.samplesapi.policy.PolicyHolder;
import org.samplesapi.policy.SharingPolicy;
import org.samplesapi.samples.SampleService;
import org.samplesapi.sharing.PolicyChanges;
import org.samplesapi.web.ApiException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Organizations and their sharing policies. A change of a policy is one transaction: read the organization, let only
 * its administrators lock it, decide the change on the locked row with {@link PolicyAdministration}, then apply it
 * with {@link PolicyChanges} (which also lowers the samples a tightening puts above the cap).
 */
@ApplicationScoped
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final SampleService samples;
    private final AuditTrail auditTrail;
    private final PolicyChanges policyChanges;

    public OrganizationService(OrganizationRepository organizations, SampleService samples, AuditTrail auditTrail,
                               PolicyChanges policyChanges) {
        this.organizations = organizations;
        this.samples = samples;
        this.auditTrail = auditTrail;
        this.policyChanges = policyChanges;
    }

    @WithSession
    public Uni<Organization> get(Caller caller, String organizationId) {
        return visible(caller, organizationId).chain(this::withSampleCounts);
    }

    @WithSession
    public Uni<List<PolicyEvent>> events(Caller caller, String organizationId) {
        return visible(caller, organizationId)
                .invoke(organization -> ApiException.require(
                        PolicyAdministration.decideOrganizationAdministration(caller, organizationId, organization.name)))
                .chain(() -> auditTrail.ofOrganization(organizationId));
    }

    /** Applies a policy change if the caller may make it (see {@link PolicyChanges}). */
    @WithTransaction
    public Uni<Organization> changePolicy(Caller caller, String organizationId, PolicyChange change, String ifMatch) {
        // Only its administrators get to lock the row (every PATCH that raises a visibility in it waits on that lock),
        // after the PATCHes already holding it and before those that come later (PolicyLocks); the change itself is
        // then decided on the row as locked.
        return visible(caller, organizationId)
                .invoke(organization -> ApiException.require(PolicyAdministration.decideOrganizationAdministration(
                        caller, organizationId, organization.name)))
                .call(() -> PolicyLocks.holdExclusively(PolicyHolder.ORGANIZATION, organizationId))
                .call(organization -> organizations.getSession()
                        .chain(session -> session.refresh(organization, LockModeType.PESSIMISTIC_WRITE)))
                .invoke(organization -> ApiException.require(PolicyAdministration.decideOrganizationChange(caller,
                        organizationId, organization.policy(), change)))
                .chain(organization -> policyChanges.apply(caller, organization, change, ifMatch))
                .chain(this::withSampleCounts);
    }

    /**
     * The policy of the organization a user is being moved to, in the caller's transaction, its row held (shared)
     * until the move commits, as a PATCH holds it: a change of that policy waits for the move, and then binds the
     * moved user's samples too. A missing organization is a 404 naming it.
     */
    public Uni<SharingPolicy> lockPolicyForMove(String organizationId) {
        return organizations.findById(organizationId, LockModeType.PESSIMISTIC_READ)
                .onItem().ifNull().failWith(() -> ApiException.denied(new Decision.Deny(
                        DenialReason.ORGANIZATION_NOT_FOUND, "Organization not found.",
                        ItemRef.organization(organizationId))))
                .map(Organization::policy);
    }

    /** The organization, if the caller may see it (decided before any row is read); otherwise, or if none, not found. */
    private Uni<Organization> visible(Caller caller, String organizationId) {
        return Uni.createFrom().voidItem()
                .invoke(() -> ApiException.require(PolicyAdministration.decideOrganizationRead(caller, organizationId)))
                .chain(() -> organizations.findById(organizationId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("Organization"));
    }

    private Uni<Organization> withSampleCounts(Organization organization) {
        return samples.countByVisibility(organization.id).map(counts -> {
            organization.samplesByVisibility = counts;
            return organization;
        });
    }
}
