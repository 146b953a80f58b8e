package org.samplesapi.web;

import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.samplesapi.web.ListPage;
import org.samplesapi.web.query.ListSearch;
import org.samplesapi.web.query.ListSource;

/**
 * The query of a Potion list route: {@code where} and {@code sort} (URL-encoded JSON), {@code page}/{@code per_page},
 * or cursor paging ({@code X-Pagination-Style: cursor} and {@code cursor}). {@code expand} is accepted for the
 * public client's {@code expand=all}; references stay {@code $ref}s.
 */
public class ListParams {

    @RestQuery
    public String where;

    @RestQuery
    public String sort;

    /** Text, so that "abc" is a 400 from {@link Paging#of} rather than the REST layer's 404 for a bad parameter. */
    @RestQuery
    public String page;

    @RestQuery("per_page")
    public String perPage;

    @RestQuery
    public String cursor;

    @RestQuery
    public String expand;

    @RestHeader("X-Pagination-Style")
    public String paginationStyle;

    @Context
    public UriInfo uriInfo;

    public Paging paging() {
        return Paging.of(page, perPage);
    }

    public boolean cursorMode() {
        return "cursor".equalsIgnoreCase(paginationStyle) || cursor != null;
    }

    /** Compiles this request against a source, within a scope. Invalid parameters are a 400 here, before any IO. */
    public ListSearch search(ListSource source, ListSearch.Scope scope) {
        Paging paging = paging();
        return cursorMode()
                ? ListSearch.afterCursor(source, scope, where, sort, cursor, paging.perPage())
                : ListSearch.page(source, scope, where, sort, paging);
    }

    /**
     * Page mode answers with X-Total-Count and Link (a page past the end is 404); cursor mode with X-Next-Cursor
     * while more pages follow, and no count (the public client trusts a count to decide when to stop).
     */
    public <T, V> RestResponse<List<V>> respond(ListPage<T> result, Function<T, V> view) {
        RestResponse.ResponseBuilder<List<V>> response =
                RestResponse.ResponseBuilder.ok(result.rows().stream().map(view).toList());
        if (cursorMode()) {
            if (result.nextCursor() != null) {
                response.header("X-Next-Cursor", result.nextCursor());
            }
        } else {
            Paging paging = paging();
            paging.requireExists(result.total());
            response.header("X-Total-Count", result.total())
                    .header("Link", paging.linkHeader(uriInfo.getRequestUri(), result.total()));
        }
        return response.build();
    }
}
