package org.samplesapi.persistence;

import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Where a single-row native query runs: straight on a Vert.x pool or transaction connection, or on the request's
 * Hibernate Reactive session (when the caller's transaction is Hibernate's).
 */
@FunctionalInterface
public interface OneRow {

    /** The row's column values, or {@code null} when the query found none. */
    Uni<Object[]> one(String sql, Map<String, Object> params);

    static OneRow on(SqlClient client) {
        return (sql, params) -> PgStatements.one(client, sql, params);
    }

    static OneRow onSession() {
        return NativeQueries::one;
    }
}
