package org.samplesapi.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.UriBuilder;

/**
 * Potion's page-based paging: {@code page} (from 1) and {@code per_page} (1..1000, default 20), answered with
 * {@code X-Total-Count} and a {@code Link} header (self, first, prev, next, last).
 */
public record Paging(int page, int perPage) {

    public static final int DEFAULT_PER_PAGE = 20;
    public static final int MAX_PER_PAGE = 1000;

    public static Paging of(String page, String perPage) {
        List<FieldError> errors = new ArrayList<>();
        int p = number(page, 1, "page", errors);
        int pp = number(perPage, DEFAULT_PER_PAGE, "per_page", errors);
        if (p < 1) {
            errors.add(FieldError.at("page", "'page' must be at least 1"));
        }
        if (pp < 1 || pp > MAX_PER_PAGE) {
            errors.add(FieldError.at("per_page", "'per_page' must be between 1 and " + MAX_PER_PAGE));
        }
        ApiException.rejectAny(errors);
        return new Paging(p, pp);
    }

    private static int number(String text, int otherwise, String name, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            errors.add(FieldError.at(name, "'" + name + "' must be a whole number"));
            return otherwise;
        }
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }

    public int lastPage(long total) {
        return (int) Math.max(1, (total + perPage - 1) / perPage);
    }

    /** Potion answers a page past the end with 404 (page 1 of nothing is an empty list). */
    public void requireExists(long total) {
        if (page > lastPage(total)) {
            throw new ApiException(new ApiError(404, "Page " + page + " is past the last page (" + lastPage(total)
                    + ").", "not_found", null, null));
        }
    }

    public String linkHeader(URI requestUri, long total) {
        List<String> links = new ArrayList<>();
        links.add(link(requestUri, page, "self"));
        links.add(link(requestUri, 1, "first"));
        if (page > 1) {
            links.add(link(requestUri, page - 1, "prev"));
        }
        if (page < lastPage(total)) {
            links.add(link(requestUri, page + 1, "next"));
        }
        links.add(link(requestUri, lastPage(total), "last"));
        return String.join(", ", links);
    }

    private String link(URI requestUri, int target, String rel) {
        URI uri = UriBuilder.fromUri(requestUri).replaceQueryParam("page", target)
                .replaceQueryParam("per_page", perPage).build();
        return "<" + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + ">; rel=\"" + rel + "\"";
    }
}
