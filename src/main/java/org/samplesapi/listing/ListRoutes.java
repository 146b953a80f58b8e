package org.samplesapi.listing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestResponse;
import org.samplesapi.persistence.Columns;
import org.samplesapi.persistence.NativeQueries;
import org.samplesapi.web.ListParams;
import org.samplesapi.web.ListPage;
import org.samplesapi.web.query.ListSearch;
import org.samplesapi.web.query.ListSource;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Every list route, written once: the request's {@code where}, {@code sort} and paging compiled against a source
 * within the caller's scope (bad parameters are a 400 before any IO), the page (and its count, in page mode) read
 * on the request's session, and the answer with its paging headers.
 */
@ApplicationScoped
public class ListRoutes {

    @WithSession
    public <T> Uni<RestResponse<List<T>>> answer(ListParams params, ListSource source, ListSearch.Scope scope,
                                                 Function<Columns, T> reader) {
        ListSearch search = params.search(source, scope);
        return NativeQueries.all(search.sql(), search.params())
                .chain(rows -> {
                    if (search.countSql() == null) {
                        return Uni.createFrom().item(cursorPage(search, rows, reader));
                    }
                    return NativeQueries.count(search.countSql(), search.countParams())
                            .map(total -> new ListPage<>(rows.stream().map(row -> reader.apply(new Columns(row)))
                                    .toList(), total, null));
                })
                .map(page -> params.respond(page, row -> row));
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
}
