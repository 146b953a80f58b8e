package org.samplesapi.web;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

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

    @RestQuery
    public Integer page;

    @RestQuery("per_page")
    public Integer perPage;

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
}
