package org.samplesapi.identity;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.samplesapi.audit.PolicyEvent;
import org.samplesapi.persistence.CapLowering;
import org.samplesapi.persistence.GovernanceChannel;
import org.samplesapi.persistence.Ids;
import org.samplesapi.policy.Decision;
import org.samplesapi.policy.DenialReason;
import org.samplesapi.policy.PolicyHolder;
import org.samplesapi.policy.SharingPolicy;
import org.samplesapi.policy.Visibility;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.RequestIds;
import org.samplesapi.web.Timestamps;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;

/**
 * Creates or refreshes the user (and organization) row for a token on first sight. One upsert statement in a
 * Hibernate Reactive session and transaction of its own, so two first requests at once cannot race and a later
 * rollback of the request cannot undo it. The result is cached per token identity: known users cost no SQL.
 * <p>
 * A token never moves a user between organizations, since the owner's organization policy (PII!) governs their
 * samples: a token without an organization leaves the one on record, and a token naming another organization than
 * the one on record is refused, writing nothing (platform administrators move users, through the users API). A user
 * without an organization may join one, and that binds what they already shared, as a tightening does: in the same
 * transaction, the join is recorded as a policy event (on the account and the organization) and their samples above
 * the organization's cap are lowered to it, each audited with the joining user as the actor and the join as cause. The join takes the user's row lock first, as a PATCH that makes a sample more visible takes it (shared)
 * before the sample's, so a concurrent PATCH either commits before the lowering looks or sees the organization
 * (reading its context again when the organization is newer than its snapshot). Organizations and accounts that a
 * token names first get the configured newcomer policies.
 */
@ApplicationScoped
public class UserProvisioner {

    private static final String CACHE = "provisioned-users";

    private static final String UPSERT = """
            WITH recorded AS (
                SELECT o.external_id FROM users u JOIN organizations o ON o.id = u.organization_id
                WHERE u.subject = :subject),
            unattached AS (
                SELECT 1 FROM users WHERE subject = :subject AND organization_id IS NULL),
            moved AS (
                SELECT 1 FROM recorded
                WHERE CAST(:organization AS text) IS NOT NULL AND recorded.external_id <> CAST(:organization AS text)),
            org AS (
                INSERT INTO organizations (id, external_id, name, max_visibility, holds_pii)
                SELECT :organizationId, CAST(:organization AS text), CAST(:organization AS text),
                       :organizationCap, false
                WHERE CAST(:organization AS text) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM moved)
                ON CONFLICT (external_id) DO UPDATE SET external_id = EXCLUDED.external_id
                RETURNING id, max_visibility, holds_pii),
            provisioned AS (
                INSERT INTO users (id, subject, email, organization_id, max_visibility, holds_pii)
                SELECT :userId, :subject, CAST(:email AS text), (SELECT id FROM org), :accountCap, false
                WHERE NOT EXISTS (SELECT 1 FROM moved)
                ON CONFLICT (subject) DO UPDATE
                    SET email = COALESCE(EXCLUDED.email, users.email),
                        organization_id = COALESCE(users.organization_id, EXCLUDED.organization_id),
                        updated_at = now()
                    -- a concurrent first sight may have recorded another organization since 'recorded' was read
                    WHERE users.organization_id IS NULL OR EXCLUDED.organization_id IS NULL
                       OR users.organization_id = EXCLUDED.organization_id
                RETURNING id)
            SELECT (SELECT id FROM provisioned), (SELECT id FROM org), (SELECT max_visibility FROM org),
                   (SELECT holds_pii FROM org), EXISTS (SELECT 1 FROM unattached)
            """;

    private final Mutiny.SessionFactory sessions;
    private final IdentityConfig config;
    private final Cache provisioned;
    private final GovernanceChannel governance;

    public UserProvisioner(Mutiny.SessionFactory sessions, IdentityConfig config,
                           @CacheName(CACHE) Cache provisioned, GovernanceChannel governance) {
        this.sessions = sessions;
        this.config = config;
        this.provisioned = provisioned;
        this.governance = governance;
        // A move or a join anywhere: every replica forgets, so the user's next request reads their row again.
        governance.onChange(() -> provisioned.invalidateAll().subscribe().with(ignored -> { }));
    }

    /** Forgets every user provisioned here at once (the other replicas hear of it through the governance channel). */
    public Uni<Void> forgetAll() {
        return provisioned.invalidateAll();
    }

    /**
     * The user a token maps to, remembered per token identity while this replica hears of every change of who
     * governs a user; read afresh on every request while it does not.
     */
    public Uni<ProvisionedUser> provision(TokenIdentity identity) {
        return (governance.listening() ? remembered(identity) : upsert(identity))
                .invoke(user -> {
                    if (user.userId() == null) {
                        throw ApiException.denied(new Decision.Deny(DenialReason.ORGANIZATION_CHANGED,
                                "Your token names another organization than the one your account belongs to; an"
                                        + " operator must move your account before you can continue."));
                    }
                });
    }

    /**
     * The user as remembered here (an intercepted self-invocation: ArC applies the cache to it). The cache interceptor,
     * unlike a plain {@code getAsync}, hands the result back on the request's context, where its session lives.
     */
    @CacheResult(cacheName = CACHE)
    Uni<ProvisionedUser> remembered(TokenIdentity identity) {
        return upsert(identity);
    }

    /**
     * Its own session and transaction: the row stays whatever becomes of the request that brought the token. A token
     * naming another organization than the one on record gets a user without id: refused, and remembered as such
     * until who governs a user changes.
     */
    private Uni<ProvisionedUser> upsert(TokenIdentity identity) {
        return sessions.withStatelessTransaction(session -> session.createNativeQuery(UPSERT, Object[].class)
                        .setParameter("organizationId", Ids.newId())
                        .setParameter("organization", identity.organization())
                        .setParameter("userId", Ids.newId())
                        .setParameter("subject", identity.subject())
                        .setParameter("email", identity.email())
                        .setParameter("organizationCap", config.newOrganizationPolicy().cap().wireName())
                        .setParameter("accountCap", config.newAccountPolicy().cap().wireName())
                        .getSingleResult()
                        .call(row -> joined(row) ? bindToOrganization(session, row) : Uni.createFrom().voidItem()))
                .map(row -> new ProvisionedUser((String) row[0], (String) row[1]));
    }

    /** The user was on record without an organization, and now has one. */
    private static boolean joined(Object[] row) {
        return row[0] != null && row[1] != null && Boolean.TRUE.equals(row[4]);
    }

    /**
     * Records the join (on the account and on the organization, whether or not anything is lowered) and lowers the
     * joining user's samples above the organization's cap to it, with the join as the cause.
     */
    private static Uni<Integer> bindToOrganization(Mutiny.StatelessSession session, Object[] row) {
        String userId = (String) row[0];
        Instant now = Timestamps.now();
        List<PolicyEvent> joined = PolicyEvent.governanceChange(userId, null, (String) row[1], userId, now);
        Visibility cap = new SharingPolicy("organization", Visibility.fromWire((String) row[2]).orElseThrow(),
                Boolean.TRUE.equals(row[3])).cap();
        var lowering = session.createNativeQuery(CapLowering.sql(PolicyHolder.ACCOUNT));
        CapLowering.params(userId, cap, userId, joined.get(0).id, RequestIds.current(), RequestIds.client(), now)
                .forEach(lowering::setParameter);
        return session.insertAll(joined.toArray())
                .chain(() -> session.createNativeQuery(GovernanceChannel.NOTIFY_SQL, Object.class)
                        .setParameter("user", userId).getSingleResult())
                .chain(lowering::executeUpdate);
    }
}
