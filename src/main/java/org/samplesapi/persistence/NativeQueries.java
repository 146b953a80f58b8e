package org.samplesapi.persistence;

import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Native SQL on the request's Hibernate Reactive session, for statements an entity cannot express. */
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

    /** The number a counting query answers. */
    public static Uni<Long> count(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object.class);
            params.forEach(query::setParameter);
            return query.getSingleResult().map(total -> ((Number) total).longValue());
        });
    }

    /** A data-changing statement; the number of rows it touched. */
    public static Uni<Integer> execute(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(session -> {
            var statement = session.createNativeQuery(sql);
            params.forEach(statement::setParameter);
            return statement.executeUpdate();
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
