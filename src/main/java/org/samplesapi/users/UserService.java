package org.samplesapi.users;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.samplesapi.audit.AuditTrail;
import org.samplesapi.audit.PolicyEvent;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.PolicyAdministration;
import org.samplesapi.policy.PolicyChange;
import org.samplesapi.sharing.PolicyChanges;
import org.samplesapi.web.ApiException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Accounts and their sharing policies, changed as an organization's are: the user row locked, decided by
 * {@link PolicyAdministration}, applied by {@link PolicyChanges}.
 */
@ApplicationScoped
public class UserService {

    private final UserRepository users;
    private final AuditTrail auditTrail;
    private final PolicyChanges policyChanges;

    public UserService(UserRepository users, AuditTrail auditTrail, PolicyChanges policyChanges) {
        this.users = users;
        this.auditTrail = auditTrail;
        this.policyChanges = policyChanges;
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
    @WithTransaction
    public Uni<User> changePolicy(Caller caller, String accountId, PolicyChange change, String ifMatch) {
        return reachable(caller, accountId, true)
                .invoke(user -> ApiException.require(PolicyAdministration.decideAccountChange(caller, user.policy(),
                        change)))
                .chain(user -> policyChanges.apply(caller, user, change, ifMatch));
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
                .chain(() -> lock ? users.findById(accountId, LockModeType.PESSIMISTIC_WRITE)
                        : users.findById(accountId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("User"));
    }
}
