package org.samplesapi.identity;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.Ids;

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
 * A token without an organization never takes a user out of the organization on record: the owner's organization
 * policy (PII!) governs their samples, and a client with a narrower token scope must not be a way around it.
 */
@ApplicationScoped
public class UserProvisioner {

    private static final String UPSERT = """
            WITH org AS (
                INSERT INTO organizations (id, external_id, name)
                SELECT $1, $2::text, $2::text WHERE $2::text IS NOT NULL
                ON CONFLICT (external_id) DO UPDATE SET external_id = EXCLUDED.external_id
                RETURNING id)
            INSERT INTO users (id, subject, email, organization_id)
            VALUES ($3, $4, $5, (SELECT id FROM org))
            ON CONFLICT (subject) DO UPDATE
                SET email = COALESCE(EXCLUDED.email, users.email),
                    organization_id = COALESCE(EXCLUDED.organization_id, users.organization_id),
                    updated_at = now()
            RETURNING id, (SELECT id FROM org) AS token_organization_id
            """;

    private final Pool pool;

    public UserProvisioner(Pool pool) {
        this.pool = pool;
    }

    @CacheResult(cacheName = "provisioned-users")
    public Uni<ProvisionedUser> provision(TokenIdentity identity) {
        Tuple params = Tuple.of(Ids.newId(), identity.organization(), Ids.newId(), identity.subject(),
                identity.email());
        return pool.preparedQuery(UPSERT).execute(params)
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new ProvisionedUser(row.getString("id"), row.getString("token_organization_id"));
                });
    }
}
