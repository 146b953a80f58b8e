package org.samplesapi.identity;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.Ids;
import org.samplesapi.policy.Decision;
import org.samplesapi.policy.DenialReason;
import org.samplesapi.web.ApiException;

import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Creates or refreshes the user (and organization) row for a token on first sight. One upsert statement on its own
 * connection and transaction, so two first requests at once cannot race and a later rollback of the request cannot
 * undo it. The result is cached per token identity: known users cost no SQL.
 * <p>
 * A token never moves a user between organizations, since the owner's organization policy (PII!) governs their
 * samples: a token without an organization leaves the one on record, and a token naming another organization than
 * the one on record is refused, writing nothing, until an operator moves the user. A user without an organization
 * may join one: that can only add a policy over their samples. Organizations and accounts that a token names first
 * get the configured newcomer policies.
 */
@ApplicationScoped
public class UserProvisioner {

    private static final String UPSERT = """
            WITH recorded AS (
                SELECT o.external_id FROM users u JOIN organizations o ON o.id = u.organization_id
                WHERE u.subject = $4),
            moved AS (
                SELECT 1 FROM recorded WHERE $2::text IS NOT NULL AND recorded.external_id <> $2::text),
            org AS (
                INSERT INTO organizations (id, external_id, name, max_visibility, holds_pii)
                SELECT $1, $2::text, $2::text, $6, false WHERE $2::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM moved)
                ON CONFLICT (external_id) DO UPDATE SET external_id = EXCLUDED.external_id
                RETURNING id),
            provisioned AS (
                INSERT INTO users (id, subject, email, organization_id, max_visibility, holds_pii)
                SELECT $3, $4, $5, (SELECT id FROM org), $7, false WHERE NOT EXISTS (SELECT 1 FROM moved)
                ON CONFLICT (subject) DO UPDATE
                    SET email = COALESCE(EXCLUDED.email, users.email),
                        organization_id = COALESCE(users.organization_id, EXCLUDED.organization_id),
                        updated_at = now()
                    -- a concurrent first sight may have recorded another organization since 'recorded' was read
                    WHERE users.organization_id IS NULL OR EXCLUDED.organization_id IS NULL
                       OR users.organization_id = EXCLUDED.organization_id
                RETURNING id)
            SELECT (SELECT id FROM provisioned) AS id, (SELECT id FROM org) AS token_organization_id
            """;

    private final Pool pool;
    private final IdentityConfig config;

    public UserProvisioner(Pool pool, IdentityConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @CacheResult(cacheName = "provisioned-users")
    public Uni<ProvisionedUser> provision(TokenIdentity identity) {
        Tuple params = Tuple.wrap(Arrays.asList(Ids.newId(), identity.organization(), Ids.newId(), identity.subject(),
                identity.email(), config.newOrganizationPolicy().cap().wireName(),
                config.newAccountPolicy().cap().wireName()));
        return pool.preparedQuery(UPSERT).execute(params)
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getString("id") == null) {
                        throw ApiException.denied(new Decision.Deny(DenialReason.ORGANIZATION_CHANGED,
                                "Your token names another organization than the one your account belongs to; an"
                                        + " operator must move your account before you can continue."));
                    }
                    return new ProvisionedUser(row.getString("id"), row.getString("token_organization_id"));
                });
    }
}
