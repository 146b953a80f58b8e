package org.samplesapi.persistence;

import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Read-only native SQL on the request's Hibernate Reactive session, for queries an entity cannot express. */
public final class NativeQueries {

    private NativeQueries() {
    }

    /** The single row of a query, or {@code null} when it found none. */
    public static Uni<Object[]> one(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            params.forEach(query::setParameter);
            return query.getSingleResultOrNull();
        });
    }

    public static Uni<List<Object[]>> all(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            params.forEach(query::setParameter);
            return query.getResultList();
        });
    }
}
