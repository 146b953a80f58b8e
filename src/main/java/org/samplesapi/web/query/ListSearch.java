package org.samplesapi.web.query;

import java.util.List;
import java.util.Map;

import org.samplesapi.web.Paging;

/**
 * A list request compiled to SQL: the caller's scope, {@code where}, {@code sort}, and a page or a cursor. Built
 * without IO.
 *
 * @param sql         the page query: the source's columns followed by the cursor columns
 * @param countSql    the count of all matching rows (page mode), or {@code null} (cursor mode never counts)
 * @param params      bind parameters of the page query
 * @param countParams bind parameters of the count query
 * @param keyset      the cursor codec of the sort in use
 * @param columnCount how many leading columns are the row itself (the rest feed the cursor)
 * @param limit       rows wanted; cursor mode fetches one more to learn whether another page follows
 */
public record ListSearch(String sql, String countSql, Map<String, Object> params, Map<String, Object> countParams,
                         Keyset keyset, int columnCount, int limit) {

    /** The filter a route applies before the client's {@code where}: who may see which rows. */
    @FunctionalInterface
    public interface Scope {
        String filter(QueryCompiler binder);

        /** The row's columns; a scope overrides this when a column depends on the caller. */
        default String columns(ListSource source, QueryCompiler binder) {
            return source.columns();
        }
    }

    public static ListSearch page(ListSource source, Scope scope, String where, String sort, Paging paging) {
        QueryCompiler compiler = new QueryCompiler(source.fields());
        String filter = filter(scope, where, compiler);
        Keyset keyset = new Keyset(sortKeys(source, sort, compiler), source.idColumn());
        Map<String, Object> countParams = Map.copyOf(compiler.params());
        String limit = compiler.bind((long) paging.perPage());
        String offset = compiler.bind(paging.offset());
        String sql = select(scope.columns(source, compiler), keyset) + " FROM " + source.from() + " WHERE " + filter
                + " ORDER BY " + keyset.orderBy() + " LIMIT " + limit + " OFFSET " + offset;
        String countSql = "SELECT count(*) FROM " + source.from() + " WHERE " + filter;
        return new ListSearch(sql, countSql, compiler.params(), countParams, keyset, source.columnCount(),
                paging.perPage());
    }

    public static ListSearch afterCursor(ListSource source, Scope scope, String where, String sort, String cursor,
                                         int perPage) {
        QueryCompiler compiler = new QueryCompiler(source.fields());
        String filter = filter(scope, where, compiler);
        Keyset keyset = new Keyset(sortKeys(source, sort, compiler), source.idColumn());
        if (cursor != null && !cursor.isBlank()) {
            filter = filter + " AND " + keyset.after(cursor, compiler);
        }
        String sql = select(scope.columns(source, compiler), keyset) + " FROM " + source.from() + " WHERE " + filter
                + " ORDER BY " + keyset.orderBy() + " LIMIT " + compiler.bind((long) perPage + 1);
        return new ListSearch(sql, null, compiler.params(), Map.of(), keyset, source.columnCount(), perPage);
    }

    private static String filter(Scope scope, String where, QueryCompiler compiler) {
        return "(" + scope.filter(compiler) + ") AND (" + compiler.where(where) + ")";
    }

    private static List<SortKey> sortKeys(ListSource source, String sort, QueryCompiler compiler) {
        boolean empty = sort == null || sort.isBlank() || sort.trim().equals("{}");
        return compiler.sort(empty ? source.defaultSort() : sort);
    }

    private static String select(String columns, Keyset keyset) {
        StringBuilder select = new StringBuilder("SELECT ").append(columns);
        keyset.cursorColumns().forEach(column -> select.append(", ").append(column));
        return select.toString();
    }
}
