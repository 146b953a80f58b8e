package org.samplesapi.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.samplesapi.web.query.ListPage;
import org.samplesapi.web.query.ListSearch;

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

    /** Runs a compiled list request: one statement for the page, one for the count where it is wanted. */
    public static <T> Uni<ListPage<T>> search(ListSearch search, Function<Columns, T> reader) {
        return Panache.getSession().chain(session -> {
            var page = session.createNativeQuery(search.sql(), Object[].class);
            search.params().forEach(page::setParameter);
            return page.getResultList().chain(rows -> {
                if (search.countSql() == null) {
                    return Uni.createFrom().item(cursorPage(search, rows, reader));
                }
                var count = session.createNativeQuery(search.countSql(), Object.class);
                search.countParams().forEach(count::setParameter);
                return count.getSingleResult().map(total -> new ListPage<>(
                        rows.stream().map(row -> reader.apply(new Columns(row))).toList(),
                        ((Number) total).longValue(), null));
            });
        });
    }

    /** Fetched one row more than a page: if it came, the page's last row becomes the next cursor. */
    private static <T> ListPage<T> cursorPage(ListSearch search, List<Object[]> rows, Function<Columns, T> reader) {
        boolean more = rows.size() > search.limit();
        List<Object[]> page = more ? rows.subList(0, search.limit()) : rows;
        String next = null;
        if (more) {
            Object[] last = page.get(page.size() - 1);
            List<Object> keyValues = new ArrayList<>();
            for (int i = search.columnCount(); i < last.length; i++) {
                keyValues.add(cursorValue(last[i]));
            }
            next = search.keyset().encode(keyValues, (String) last[0]);
        }
        return new ListPage<>(page.stream().map(row -> reader.apply(new Columns(row))).toList(), null, next);
    }

    /** Timestamps travel in cursors as RFC 3339 with microseconds, whatever type the driver chose. */
    private static Object cursorValue(Object value) {
        if (value instanceof TemporalAccessor || value instanceof Date) {
            return OffsetDateTime.ofInstant(new Columns(new Object[] {value}).instant(), ZoneOffset.UTC);
        }
        return value;
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
