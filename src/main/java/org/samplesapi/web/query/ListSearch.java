package org.samplesapi.web.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

        /**
         * The same rows as {@link #filter}, as the conditions whose disjunction it is, when each can be answered by an
         * index of its own (the caller's own rows, rows shared through a group). A page then takes its first rows of
         * each way in, in list order, and keeps the first of those: it reads at most a page per way, however few of
         * the table's rows the caller may see, where one filter over the table in list order may read most of it.
         */
        default List<String> waysIn(QueryCompiler binder) {
            return List.of(filter(binder));
        }

        /** The row's columns; a scope overrides this when a column depends on the caller. */
        default String columns(ListSource source, QueryCompiler binder) {
            return source.columns();
        }
    }

    public static ListSearch page(ListSource source, Scope scope, String where, String sort, Paging paging) {
        QueryCompiler counting = new QueryCompiler(source.fields());
        String countSql = "SELECT count(*) FROM " + source.from() + " WHERE " + filter(scope, where, counting);
        QueryCompiler compiler = new QueryCompiler(source.fields());
        Keyset keyset = new Keyset(sortKeys(source, sort, compiler), source.idColumn());
        String rows = rows(source, scope, "(" + compiler.where(where) + ")", keyset,
                (long) paging.offset() + paging.perPage(), compiler);
        String sql = select(scope.columns(source, compiler), keyset) + " FROM " + source.from() + " WHERE " + rows
                + " ORDER BY " + keyset.orderBy() + " LIMIT " + compiler.bind((long) paging.perPage())
                + " OFFSET " + compiler.bind(paging.offset());
        return new ListSearch(sql, countSql, compiler.params(), counting.params(), keyset, source.columnCount(),
                paging.perPage());
    }

    public static ListSearch afterCursor(ListSource source, Scope scope, String where, String sort, String cursor,
                                         int perPage) {
        QueryCompiler compiler = new QueryCompiler(source.fields());
        Keyset keyset = new Keyset(sortKeys(source, sort, compiler), source.idColumn());
        String condition = "(" + compiler.where(where) + ")";
        if (cursor != null && !cursor.isBlank()) {
            condition = condition + " AND " + keyset.after(cursor, compiler);
        }
        String rows = rows(source, scope, condition, keyset, perPage + 1L, compiler);
        String sql = select(scope.columns(source, compiler), keyset) + " FROM " + source.from() + " WHERE " + rows
                + " ORDER BY " + keyset.orderBy() + " LIMIT " + compiler.bind(perPage + 1L);
        return new ListSearch(sql, null, compiler.params(), Map.of(), keyset, source.columnCount(), perPage);
    }

    /**
     * The page's candidate rows: the scope and the client's condition. With several ways in, the first
     * {@code rowsWanted} rows of each way in list order (read from an index where one serves the way), and of those
     * the first {@code rowsWanted}, by id and sort columns alone: a row reached two ways is one row, and only the
     * rows of the page are read in full.
     */
    private static String rows(ListSource source, Scope scope, String condition, Keyset keyset, long rowsWanted,
                               QueryCompiler compiler) {
        List<String> ways = scope.waysIn(compiler);
        if (ways.size() == 1) {
            return "(" + ways.get(0) + ") AND " + condition;
        }
        String reach = compiler.bind(rowsWanted);
        List<String> keyColumns = keyset.cursorColumns();
        List<String> keyAliases = new ArrayList<>();
        StringBuilder columns = new StringBuilder(source.idColumn()).append(" AS k0");
        for (int i = 0; i < keyColumns.size(); i++) {
            keyAliases.add("k" + (i + 1));
            columns.append(", ").append(keyColumns.get(i)).append(" AS k").append(i + 1);
        }
        String candidates = ways.stream()
                .map(way -> "(SELECT " + columns + " FROM " + source.from() + " WHERE (" + way + ") AND " + condition
                        + " ORDER BY " + keyset.orderBy() + " LIMIT " + reach + ")")
                .collect(Collectors.joining(" UNION "));
        return source.idColumn() + " IN (SELECT k0 FROM (" + candidates + ") AS candidates ORDER BY "
                + keyset.orderBy(keyAliases, "k0") + " LIMIT " + reach + ")";
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
