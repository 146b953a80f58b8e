package org.samplesapi.web;

import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
    @Parameter(description = "Flask-Potion filter, URL-encoded JSON: {\"field\": value} for equality, or"
            + " {\"field\": {\"$op\": operand}} with $eq, $ne, $in (array), $lt, $lte, $gt, $gte, $between ([low, high]),"
            + " $contains, $icontains, $startswith, $istartswith, $endswith, $iendswith (text), $containsall,"
            + " $containsany (tags); several fields are ANDed. References are {\"$ref\": \"/api/v1/<resource>/<id>\"};"
            + " timestamps RFC 3339. An unknown field or operator, or a wrong operand, is a 400 naming it.",
            example = "{\"visibility\": \"shared\", \"created_at\": {\"$gte\": \"2026-01-01T00:00:00Z\"}}")
    public String where;

    @RestQuery
    @Parameter(description = "URL-encoded JSON: {\"field\": true} sorts descending, false ascending; keys in order of"
            + " precedence; ties are broken by id. Default {\"created_at\": true}. Nulls sort as the largest values.",
            example = "{\"size\": false}")
    public String sort;

    /** Text, so that "abc" is a 400 from {@link Paging#of} rather than the REST layer's 404 for a bad parameter. */
    @RestQuery
    @Parameter(description = "Page number from 1 (page mode); past the last page is a 404", example = "1",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    public String page;

    @RestQuery("per_page")
    @Parameter(description = "Rows per page, 1 to 1000 (default 20)", example = "100",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
    public String perPage;

    @RestQuery
    @Parameter(description = "Cursor mode: the X-Next-Cursor of the previous page (opaque)")
    public String cursor;

    @RestQuery
    @Parameter(description = "Accepted for the public client's expand=all; references stay $refs")
    public String expand;

    @RestHeader("X-Pagination-Style")
    @Parameter(description = "cursor: page by X-Next-Cursor instead of page numbers (no X-Total-Count)",
            schema = @Schema(enumeration = {"cursor", "page"}))
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
