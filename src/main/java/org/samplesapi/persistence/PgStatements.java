package org.samplesapi.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Our statements are a fixed handful of texts (the context query's variants, the writes); a bound all the same. */
    private static final int MAX_CACHED = 256;
    private static final Map<String, Positional> POSITIONAL = new ConcurrentHashMap<>();

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

    private static Uni<RowSet<Row>> run(SqlClient client, String sql, Map<String, ?> params) {
        Positional statement = POSITIONAL.get(sql);
        if (statement == null) {
            statement = Positional.of(sql);
            if (POSITIONAL.size() < MAX_CACHED) {
                POSITIONAL.put(sql, statement);
            }
        }
        List<Object> values = new ArrayList<>(statement.names().size());
        for (String name : statement.names()) {
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("No value for :" + name);
            }
            values.add(bindable(params.get(name)));
        }
        return client.preparedQuery(statement.sql()).execute(Tuple.from(values));
    }

    /**
     * A statement rewritten for PostgreSQL: {@code $n} for the n-th distinct name. Kept per SQL text, as rewriting
     * a few KB of SQL with a regular expression on every request cost 12 % of the CPU of a PATCH; the same
     * instance of the rewritten text also keeps the driver's prepared-statement cache from rehashing it.
     */
    record Positional(String sql, List<String> names) {

        static Positional of(String namedSql) {
            List<String> names = new ArrayList<>();
            Matcher named = NAMED.matcher(namedSql);
            StringBuilder rewritten = new StringBuilder(namedSql.length());
            while (named.find()) {
                int position = names.indexOf(named.group(1)) + 1;
                if (position == 0) {
                    names.add(named.group(1));
                    position = names.size();
                }
                named.appendReplacement(rewritten, "\\$" + position);
            }
            named.appendTail(rewritten);
            return new Positional(rewritten.toString(), List.copyOf(names));
        }
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
