package org.samplesapi.samples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.samplesapi.policy.Caller;
import org.samplesapi.web.Paging;
import org.samplesapi.web.query.Keyset;
import org.samplesapi.web.query.QueryCompiler;
import org.samplesapi.web.query.QueryField;
import org.samplesapi.web.query.SortKey;

/**
 * A list request for samples compiled to SQL: scope, {@code where}, {@code sort}, and either a page or a cursor.
 * Built without IO; {@link SampleRepository} runs it.
 *
 * @param sql        the page query: {@link SampleRow#COLUMNS} followed by the cursor columns
 * @param countSql   the count of all matching rows (page mode only), or {@code null}
 * @param params     bind parameters of the page query
 * @param countParams bind parameters of the count query
 * @param keyset     the cursor codec for the sort in use
 * @param limit      rows wanted; one more is fetched in cursor mode to learn whether a next page exists
 */
public record SampleSearch(String sql, String countSql, Map<String, Object> params, Map<String, Object> countParams,
                           Keyset keyset, int limit) {

    /** The hyper-schema's filterable and sortable sample fields, and their columns. */
    static final Map<String, QueryField> FIELDS = fields();

    private static Map<String, QueryField> fields() {
        Map<String, QueryField> fields = new LinkedHashMap<>();
        fields.put("$uri", QueryField.ref("$uri", "s.id", "samples", false));
        fields.put("created_at", QueryField.timestamp("created_at", "s.created_at", false));
        fields.put("filename", QueryField.text("filename", "s.filename", true));
        fields.put("metadata", QueryField.ref("metadata", "m.id", "metadata", true));
        fields.put("owner", QueryField.ref("owner", "s.owner_id", "users", false));
        fields.put("primary_classification",
                QueryField.ref("primary_classification", "s.primary_classification_id", "classifications", true));
        fields.put("project", QueryField.ref("project", "s.project_id", "projects", true));
        fields.put("size", QueryField.integer("size", "s.size", true));
        fields.put("visibility", QueryField.text("visibility", "s.visibility", false));
        fields.put("tags", QueryField.sampleTags("tags", "s.id"));
        return Map.copyOf(fields);
    }

    private static final String FROM = """
             FROM samples s
             JOIN users ow ON ow.id = s.owner_id
             LEFT JOIN metadata m ON m.sample_id = s.id
            """;

    /** Newest first, as One Codex lists samples when no sort is given. */
    private static final String DEFAULT_SORT = "{\"created_at\": true}";

    /** A page of a page-numbered list. */
    static SampleSearch page(Caller caller, SampleScope scope, String where, String sort, Paging paging) {
        QueryCompiler compiler = new QueryCompiler(FIELDS);
        String filter = filter(caller, scope, where, compiler);
        Keyset keyset = new Keyset(sortKeys(sort, compiler), "s.id");
        Map<String, Object> countParams = Map.copyOf(compiler.params());
        String limit = compiler.bind((long) paging.perPage());
        String offset = compiler.bind(paging.offset());
        String sql = select(keyset) + FROM + " WHERE " + filter + " ORDER BY " + keyset.orderBy()
                + " LIMIT " + limit + " OFFSET " + offset;
        String countSql = "SELECT count(*)" + FROM + " WHERE " + filter;
        return new SampleSearch(sql, countSql, compiler.params(), countParams, keyset, paging.perPage());
    }

    /** The page after {@code cursor} (or the first page) of a cursor-paged list. */
    static SampleSearch afterCursor(Caller caller, SampleScope scope, String where, String sort, String cursor,
                                    int perPage) {
        QueryCompiler compiler = new QueryCompiler(FIELDS);
        String filter = filter(caller, scope, where, compiler);
        Keyset keyset = new Keyset(sortKeys(sort, compiler), "s.id");
        if (cursor != null && !cursor.isBlank()) {
            filter = filter + " AND " + keyset.after(cursor, compiler);
        }
        String sql = select(keyset) + FROM + " WHERE " + filter + " ORDER BY " + keyset.orderBy()
                + " LIMIT " + compiler.bind((long) perPage + 1);
        return new SampleSearch(sql, null, compiler.params(), Map.of(), keyset, perPage);
    }

    private static String filter(Caller caller, SampleScope scope, String where, QueryCompiler compiler) {
        return "(" + scope.filter(caller, compiler) + ") AND (" + compiler.where(where) + ")";
    }

    private static List<SortKey> sortKeys(String sort, QueryCompiler compiler) {
        boolean empty = sort == null || sort.isBlank() || sort.trim().equals("{}");
        return compiler.sort(empty ? DEFAULT_SORT : sort);
    }

    private static String select(Keyset keyset) {
        StringBuilder select = new StringBuilder("SELECT ").append(SampleRow.COLUMNS);
        keyset.cursorColumns().forEach(column -> select.append(", ").append(column));
        return select.toString();
    }
}
