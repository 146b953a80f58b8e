package org.samplesapi.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Our native SQL (with {@code :name} placeholders, as {@link NativeQueries} takes it) run straight on a Vert.x
 * PostgreSQL pool or transaction connection, for the paths where Hibernate Reactive's per-query work shows.
 * <p>
 * Why not through Hibernate: Hibernate Reactive 3.2 never finds a native query's plan again in its query plan cache
 * (its {@code ReactiveResultSetMapping} does not implement {@code equals}), so every execution adds a plan under the
 * same hash and every lookup compares against all of them, up to the cache's 2,048 entries. Under PATCH load that
 * was 18 % of the service's CPU (bench/README.md).
 */
public final class PgStatements {

    /** {@code :name}, but not the second colon of a {@code ::type} cast. */
    private static final Pattern NAMED = Pattern.compile("(?<!:):([A-Za-z][A-Za-z0-9_]*)");

    private PgStatements() {
    }

    /** The single row of a query as its column values, or {@code null} when it found none. */
    public static Uni<Object[]> one(SqlClient client, String sql, Map<String, ?> params) {
        return run(client, sql, params).map(rows -> {
            if (rows.size() > 1) {
                throw new IllegalStateException("Expected at most one row, got " + rows.size());
            }
            return rows.size() == 0 ? null : values(rows.iterator().next());
        });
    }

    public static Uni<RowSet<Row>> run(SqlClient client, String sql, Map<String, ?> params) {
        List<Object> positional = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        Matcher names = NAMED.matcher(sql);
        StringBuilder rewritten = new StringBuilder(sql.length());
        while (names.find()) {
            String name = names.group(1);
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("No value for :" + name);
            }
            int position = positions.computeIfAbsent(name, unseen -> {
                positional.add(bindable(params.get(unseen)));
                return positional.size();
            });
            names.appendReplacement(rewritten, "\\$" + position);
        }
        names.appendTail(rewritten);
        return client.preparedQuery(rewritten.toString()).execute(Tuple.from(positional));
    }

    /** Instants as the Vert.x client binds timestamps. */
    private static Object bindable(Object value) {
        return value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value;
    }

    private static Object[] values(Row row) {
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.getValue(i);
        }
        return values;
    }
}
