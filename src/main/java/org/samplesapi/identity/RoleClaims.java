package org.samplesapi.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.json.JsonString;

/**
 * The caller's roles, from one claim: the first of the configured claim paths that carries any. Paths are read in
 * order and never merged, so a token's {@code groups} cannot be topped up with roles from another claim. A path is
 * claim names separated by {@code /} ({@code realm_access/roles}), or one quoted name that contains {@code /}
 * ({@code "https://example.com/roles"}). A claim holds an array of role names or a single name; a string is one role,
 * never split.
 */
public final class RoleClaims {

    private RoleClaims() {
    }

    /** The roles of the first path that holds any, or none. {@code claims} looks a top-level claim up by name. */
    public static Set<String> first(List<String> paths, Function<String, Object> claims) {
        for (String path : paths) {
            Set<String> roles = roles(resolve(segments(path.trim()), claims));
            if (!roles.isEmpty()) {
                return roles;
            }
        }
        return Set.of();
    }

    static List<String> segments(String path) {
        if (path.length() >= 2 && path.startsWith("\"") && path.endsWith("\"")) {
            return List.of(path.substring(1, path.length() - 1));
        }
        return List.of(path.split("/"));
    }

    private static Object resolve(List<String> segments, Function<String, Object> claims) {
        Object value = claims.apply(segments.get(0));
        for (String segment : segments.subList(1, segments.size())) {
            value = value instanceof Map<?, ?> map ? map.get(segment) : null;
        }
        return value;
    }

    private static Set<String> roles(Object claim) {
        List<Object> values = new ArrayList<>();
        if (claim instanceof Collection<?> items) {
            values.addAll(items);
        } else if (claim != null) {
            values.add(claim);
        }
        Set<String> roles = new LinkedHashSet<>();
        for (Object value : values) {
            String role = value instanceof JsonString json ? json.getString() : value instanceof String s ? s : null;
            if (role != null && !role.isBlank()) {
                roles.add(role);
            }
        }
        return roles;
    }
}
