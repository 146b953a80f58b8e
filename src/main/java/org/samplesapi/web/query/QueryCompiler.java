package org.samplesapi.web.query;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.samplesapi.web.ApiException;
import org.samplesapi.web.ApiIds;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.JsonBodies;
import org.samplesapi.web.Refs;

/**
 * Turns Potion's {@code where} and {@code sort} (URL-encoded JSON) into SQL over a whitelist of fields. Every value
 * becomes a bind parameter; field names only ever select a column from the whitelist. Pure: no IO.
 */
public final class QueryCompiler {

    /** Most values one {@code $in} (or tag list) may carry. */
    public static final int MAX_LIST = 1000;

    private final Map<String, QueryField> fields;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final List<FieldError> errors = new ArrayList<>();

    public QueryCompiler(Map<String, QueryField> fields) {
        this.fields = fields;
    }

    /** The bind parameters of everything compiled so far. */
    public Map<String, Object> params() {
        return params;
    }

    /** Registers a value and returns its placeholder. */
    public String bind(Object value) {
        String name = "q" + (params.size() + 1);
        params.put(name, value);
        return ":" + name;
    }

    public String where(String json) {
        JsonNode where = JsonQuery.parse("where", json);
        if (where == null) {
            return "TRUE";
        }
        if (!where.isObject()) {
            throw ApiException.badRequest(List.of(new FieldError(List.of("where"), "'where' must be a JSON object")));
        }
        List<String> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = where.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            QueryField field = fields.get(entry.getKey());
            if (field == null) {
                errors.add(new FieldError(List.of("where", entry.getKey()), "unknown field '" + entry.getKey()
                        + "'; filterable fields: " + String.join(", ", fields.keySet())));
                continue;
            }
            condition(field, entry.getValue()).ifPresent(conditions::add);
        }
        failOnErrors();
        return SqlFragment.join(conditions, " AND ");
    }

    public List<SortKey> sort(String json) {
        JsonNode sort = JsonQuery.parse("sort", json);
        List<SortKey> keys = new ArrayList<>();
        if (sort == null) {
            return keys;
        }
        if (!sort.isObject()) {
            throw ApiException.badRequest(List.of(new FieldError(List.of("sort"),
                    "'sort' must be a JSON object such as {\"created_at\": true}")));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = sort.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            QueryField field = fields.get(entry.getKey());
            if (field == null || !field.sortable()) {
                errors.add(new FieldError(List.of("sort", entry.getKey()), "cannot sort by '" + entry.getKey() + "'"));
            } else if (!entry.getValue().isBoolean()) {
                errors.add(new FieldError(List.of("sort", entry.getKey()),
                        "sort direction must be true (descending) or false (ascending)"));
            } else {
                keys.add(new SortKey(field, entry.getValue().booleanValue()));
            }
        }
        failOnErrors();
        return keys;
    }

    private Optional<String> condition(QueryField field, JsonNode value) {
        Op op;
        JsonNode operand;
        if (value.isObject() && value.size() == 1 && value.fieldNames().next().startsWith("$")
                && !value.has("$ref")) {
            String name = value.fieldNames().next();
            Optional<Op> parsed = Op.fromWire(name);
            if (parsed.isEmpty() || !field.ops().contains(parsed.get())) {
                errors.add(new FieldError(List.of("where", field.name(), name), "operator '" + name
                        + "' is not supported on '" + field.name() + "'"));
                return Optional.empty();
            }
            op = parsed.get();
            operand = value.get(name);
        } else if (field.type() == QueryField.Type.TAGS) {
            errors.add(new FieldError(List.of("where", field.name()),
                    "'" + field.name() + "' takes $contains, $containsall or $containsany"));
            return Optional.empty();
        } else {
            op = Op.EQ;
            operand = value;
        }
        int before = errors.size();
        String sql = field.type() == QueryField.Type.TAGS ? tagCondition(field, op, operand) : compare(field, op, operand);
        return errors.size() == before ? Optional.of(sql) : Optional.empty();
    }

    private String compare(QueryField field, Op op, JsonNode operand) {
        String column = field.column();
        switch (op) {
            case EQ, NE -> {
                if (operand.isNull()) {
                    return column + (op == Op.EQ ? " IS NULL" : " IS NOT NULL");
                }
                Object v = value(field, op, operand);
                return column + (op == Op.EQ ? " = " : " <> ") + bind(v);
            }
            case IN -> {
                List<String> placeholders = new ArrayList<>();
                for (JsonNode item : list(field, op, operand)) {
                    placeholders.add(bind(value(field, op, item)));
                }
                return placeholders.isEmpty() ? "FALSE" : column + " IN (" + String.join(", ", placeholders) + ")";
            }
            case LT -> {
                return column + " < " + bind(value(field, op, operand));
            }
            case LTE -> {
                return column + " <= " + bind(value(field, op, operand));
            }
            case GT -> {
                return column + " > " + bind(value(field, op, operand));
            }
            case GTE -> {
                return column + " >= " + bind(value(field, op, operand));
            }
            case BETWEEN -> {
                List<JsonNode> bounds = list(field, op, operand);
                if (bounds.size() != 2) {
                    error(field, op, "$between takes [lower, upper]");
                    return "FALSE";
                }
                return column + " BETWEEN " + bind(value(field, op, bounds.get(0))) + " AND "
                        + bind(value(field, op, bounds.get(1)));
            }
            case CONTAINS -> {
                return "strpos(" + column + ", " + bind(text(field, op, operand)) + ") > 0";
            }
            case ICONTAINS -> {
                return "strpos(lower(" + column + "), lower(" + bind(text(field, op, operand)) + ")) > 0";
            }
            case STARTSWITH -> {
                return "starts_with(" + column + ", " + bind(text(field, op, operand)) + ")";
            }
            case ISTARTSWITH -> {
                return "starts_with(lower(" + column + "), lower(" + bind(text(field, op, operand)) + "))";
            }
            case ENDSWITH -> {
                String p = bind(text(field, op, operand));
                return "right(" + column + ", length(" + p + ")) = " + p;
            }
            case IENDSWITH -> {
                String p = bind(text(field, op, operand));
                return "right(lower(" + column + "), length(" + p + ")) = lower(" + p + ")";
            }
            default -> {
                error(field, op, "unsupported");
                return "FALSE";
            }
        }
    }

    /** Tags live in sample_tags; {@code column} is the expression of the owning sample's id. */
    private String tagCondition(QueryField field, Op op, JsonNode operand) {
        List<JsonNode> refs = op == Op.CONTAINS ? List.of(operand) : list(field, op, operand);
        List<String> placeholders = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(refs.stream().map(ref -> refId(field, op, ref)).toList())) {
            placeholders.add(bind(id));
        }
        String matching = "SELECT st.tag_id FROM sample_tags st WHERE st.sample_id = " + field.column()
                + " AND st.tag_id IN (" + String.join(", ", placeholders) + ")";
        return switch (op) {
            case CONTAINS, CONTAINSANY -> placeholders.isEmpty() ? "FALSE" : "EXISTS (" + matching + ")";
            case CONTAINSALL -> placeholders.isEmpty() ? "TRUE"
                    : "(SELECT count(DISTINCT m.tag_id) FROM (" + matching + ") m) = " + placeholders.size();
            default -> "FALSE";
        };
    }

    private Object value(QueryField field, Op op, JsonNode node) {
        return switch (field.type()) {
            case REF -> refId(field, op, node);
            case TEXT -> text(field, op, node);
            case INTEGER -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    error(field, op, "'" + field.name() + "' compares with whole numbers");
                    yield 0L;
                }
                yield node.longValue();
            }
            case NUMBER -> {
                if (!node.isNumber()) {
                    error(field, op, "'" + field.name() + "' compares with numbers");
                    yield 0d;
                }
                yield node.doubleValue();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    error(field, op, "'" + field.name() + "' compares with true or false");
                    yield false;
                }
                yield node.booleanValue();
            }
            case TIMESTAMP -> timestamp(field, op, node);
            case TAGS -> refId(field, op, node);
        };
    }

    private String text(QueryField field, Op op, JsonNode node) {
        if (!node.isTextual()) {
            error(field, op, "'" + field.name() + "' compares with strings");
            return "";
        }
        return node.textValue();
    }

    private OffsetDateTime timestamp(QueryField field, Op op, JsonNode node) {
        if (node.isTextual()) {
            OffsetDateTime parsed = parseTimestamp(node.textValue());
            if (parsed != null) {
                return parsed;
            }
        }
        error(field, op, "'" + field.name() + "' compares with RFC 3339 timestamps, e.g. 2023-11-07T05:31:56+00:00");
        return OffsetDateTime.now();
    }

    /**
     * RFC 3339 (or ISO without offset, read as UTC) within years 1 to 9999, which PostgreSQL stores exactly; anything
     * else is {@code null}.
     */
    public static OffsetDateTime parseTimestamp(String text) {
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(text);
        } catch (DateTimeParseException withoutOffset) {
            try {
                parsed = LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        int year = parsed.getYear();
        return year >= 1 && year <= 9999 ? parsed : null;
    }

    /** A reference: {@code {"$ref": "/api/v1/<resource>/<id>"}}, that URI as a string, or the bare id. */
    private String refId(QueryField field, Op op, JsonNode node) {
        String id = null;
        if (node.isObject() && node.size() == 1 && node.path("$ref").isTextual()) {
            id = Refs.idOf(field.refResource(), node.get("$ref").textValue());
        } else if (node.isTextual()) {
            String text = node.textValue();
            id = text.startsWith(Refs.API_ROOT) ? Refs.idOf(field.refResource(), text) : text;
        }
        if (!ApiIds.isWellFormed(id)) {
            error(field, op, "'" + field.name() + "' compares with references to " + Refs.API_ROOT
                    + field.refResource() + "/<id>");
            return "";
        }
        return id;
    }

    private List<JsonNode> list(QueryField field, Op op, JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (!node.isArray()) {
            error(field, op, op.wireName() + " takes an array");
            return items;
        }
        if (node.size() > MAX_LIST) {
            error(field, op, op.wireName() + " takes at most " + MAX_LIST + " values");
            return items;
        }
        node.forEach(items::add);
        return items;
    }

    private void error(QueryField field, Op op, String message) {
        errors.add(new FieldError(List.of("where", field.name(), op.wireName()), message));
    }

    private void failOnErrors() {
        ApiException.rejectAny(errors);
    }

    /** Reads the {@code where}/{@code sort} query parameters (JSON, strict like request bodies). */
    static final class JsonQuery {

        private static final ObjectReader READER =
                new ObjectMapper(JsonFactory.builder()
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(8).build())
                        .build())
                        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .readerFor(JsonNode.class);

        private JsonQuery() {
        }

        static JsonNode parse(String name, String json) {
            if (json == null || json.isBlank()) {
                return null;
            }
            try {
                JsonNode node = READER.readValue(json);
                JsonBodies.rejectNul(node, List.of(name));
                return node;
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest(List.of(new FieldError(List.of(name),
                        "'" + name + "' is not valid JSON: " + e.getOriginalMessage())));
            }
        }
    }
}
