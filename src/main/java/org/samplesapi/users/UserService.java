package org.samplesapi.users;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.samplesapi.audit.AuditTrail;
import org.samplesapi.audit.PolicyEvent;
import org.samplesapi.organizations.OrganizationService;
import org.samplesapi.persistence.PolicyLocks;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.PolicyHolder;
import org.samplesapi.policy.PolicyAdministration;
import org.samplesapi.policy.PolicyChange;
import org.samplesapi.samples.SampleService;
import org.samplesapi.sharing.AccountChange;
import org.samplesapi.sharing.PolicyChanges;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.Timestamps;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Accounts and their sharing policies, changed as an organization's are: the user row locked, decided by
 * {@link PolicyAdministration}, applied by {@link PolicyChanges}; and the organization a user belongs to, which only
 * platform administrators change.
 */
@ApplicationScoped
public class UserService {

    private final UserRepository users;
    private final AuditTrail auditTrail;
    private final PolicyChanges policyChanges;
    private final OrganizationService organizations;
    private final SampleService samples;

    public UserService(UserRepository users, AuditTrail auditTrail, PolicyChanges policyChanges,
                       OrganizationService organizations, SampleService samples) {
        this.users = users;
        this.auditTrail = auditTrail;
        this.policyChanges = policyChanges;
        this.organizations = organizations;
        this.samples = samples;
    }

    /** Whether the caller may see the user now (their GET would answer them). */
    public Uni<Boolean> isVisible(Caller caller, String userId) {
        return users.visibleTo(caller, userId).map(Objects::nonNull);
    }

    @WithSession
    public Uni<User> account(Caller caller) {
        return reachable(caller, caller.userId(), false);
    }

    @WithSession
    public Uni<List<PolicyEvent>> events(Caller caller, String accountId) {
        return reachable(caller, accountId, false).chain(() -> auditTrail.ofAccount(accountId));
    }

    /** Applies a change of an account's policy if the caller may make it (see {@link PolicyChanges}). */
    public Uni<User> changePolicy(Caller caller, String accountId, PolicyChange change, String ifMatch) {
        return changeAccount(caller, accountId, new AccountChange(change, null), ifMatch);
    }

    /**
     * Applies a change of an account's policy and, for a platform administrator, a move to another organization,
     * each only if the caller may make it, in one transaction on the locked user row. The move holds the new
     * organization's row as a PATCH does, and lowers the user's samples above its cap to it, audited by the caller.
     */
    @WithTransaction
    public Uni<User> changeAccount(Caller caller, String accountId, AccountChange change, String ifMatch) {
        return reachable(caller, accountId, true)
                .invoke(user -> {
                    ApiException.require(PolicyAdministration.decideAccountChange(caller, user.policy(),
                            change.policy()));
                    if (change.organizationId() != null) {
                        ApiException.require(PolicyAdministration.decideOrganizationMove(caller));
                    }
                })
                .chain(user -> policyChanges.apply(caller, user, change.policy(), ifMatch))
                .chain(user -> change.organizationId() == null || change.organizationId().equals(user.organizationId)
                        ? Uni.createFrom().item(user)
                        : move(caller, user, change.organizationId()));
    }

    /** Audited on the account and on both organizations, whether or not it lowered anything. */
    private Uni<User> move(Caller caller, User user, String organizationId) {
        Instant now = Timestamps.now();
        List<PolicyEvent> events = PolicyEvent.governanceChange(user.id, user.organizationId, organizationId,
                caller.userId(), now);
        return organizations.lockPolicyForMove(organizationId)
                .chain(policy -> {
                    user.organizationId = organizationId;
                    user.updatedAt = now;
                    return auditTrail.recordPolicyChanges(events)
                            .chain(Panache::flush) // the events exist before the lowered samples name one
                            .chain(() -> samples.bindToOrganization(user.id, policy.cap(), caller.userId(),
                                    events.get(0).id, now))
                            .chain(() -> users.announceGovernanceChange(user.id));
                })
                .replaceWith(user);
    }

    /**
     * The account, if the caller may reach its policy: their own, any for a platform administrator; another user
     * they can see is forbidden, one they cannot is not found. Decided before the row is read, let alone locked.
     */
    private Uni<User> reachable(Caller caller, String accountId, boolean lock) {
        Uni<Boolean> visible = caller.platformAdmin() || caller.userId().equals(accountId)
                ? Uni.createFrom().item(true)
                : users.visibleTo(caller, accountId).map(Objects::nonNull);
        return visible
                .invoke(seen -> ApiException.require(PolicyAdministration.decideAccountAccess(caller, accountId, seen)))
                .chain(() -> lock ? PolicyLocks.holdExclusively(PolicyHolder.ACCOUNT, accountId)
                        .chain(() -> users.findById(accountId, LockModeType.PESSIMISTIC_WRITE))
                        : users.findById(accountId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("User"));
    }
}
