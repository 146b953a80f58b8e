package org.samplesapi.web.query;

import java.util.List;
import java.util.Map;

/** A piece of SQL with named bind parameters ({@code :q1}, {@code :q2} ...), built from client input. */
public record SqlFragment(String sql, Map<String, Object> params) {

    public SqlFragment {
        params = Map.copyOf(params);
    }

    public static final SqlFragment TRUE = new SqlFragment("TRUE", Map.of());

    static String join(List<String> parts, String separator) {
        return parts.isEmpty() ? "TRUE" : String.join(separator, parts);
    }
}
