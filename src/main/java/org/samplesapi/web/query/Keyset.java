package org.samplesapi.web.query;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import org.samplesapi.web.ApiException;
import org.samplesapi.web.FieldError;

/**
 * Cursor ("keyset") paging: a cursor names the last row a page ended on by its sort-key values and id, and the next
 * page starts strictly after it. Rows inserted meanwhile never shift a page, and every page is an index range scan.
 * The cursor is opaque to clients (base64 of a JSON array) and carries the sort it belongs to.
 */
public final class Keyset {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<SortKey> keys;
    private final String idColumn;
    private final boolean idDescending;

    /** Ties are broken by the id, in the direction of the last sort key, so one index can serve the whole order. */
    public Keyset(List<SortKey> keys, String idColumn) {
        this.keys = List.copyOf(keys);
        this.idColumn = idColumn;
        this.idDescending = !keys.isEmpty() && keys.get(keys.size() - 1).descending();
    }

    public String orderBy() {
        return orderBy(cursorColumns(), idColumn);
    }

    /** The same order over other names of the sort columns and the id (a subquery's output columns). */
    public String orderBy(List<String> keyColumns, String id) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            parts.add(keys.get(i).orderBy(keyColumns.get(i)));
        }
        parts.add(id + (idDescending ? " DESC" : " ASC"));
        return String.join(", ", parts);
    }

    /** The columns to select after the row's own, so the last row of a page can become the next cursor. */
    public List<String> cursorColumns() {
        return keys.stream().map(key -> key.field().column()).toList();
    }

    public String encode(List<Object> keyValues, String lastId) {
        ArrayNode array = JSON.createArrayNode().add(signature());
        for (Object value : keyValues) {
            if (value == null) {
                array.addNull();
            } else if (value instanceof Double || value instanceof Float) {
                array.add(((Number) value).doubleValue());
            } else if (value instanceof Number number) {
                array.add(number.longValue());
            } else if (value instanceof Boolean bool) {
                array.add(bool);
            } else {
                array.add(value.toString());
            }
        }
        array.add(lastId);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(array.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The condition selecting the rows after the cursor's row; values are bound through {@code compiler}. */
    public String after(String cursor, QueryCompiler compiler) {
        JsonNode values = decode(cursor);
        if (isUniform()) {
            // A row comparison PostgreSQL turns into an index range (the expanded OR form below is only a filter).
            List<String> columns = new ArrayList<>(cursorColumns());
            List<String> bounds = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                bounds.add(compiler.bind(typed(keys.get(i).field(), values.get(i + 1))));
            }
            columns.add(idColumn);
            bounds.add(compiler.bind(values.get(keys.size() + 1).asText()));
            return "((" + String.join(", ", columns) + ") " + (idDescending ? "<" : ">") + " ("
                    + String.join(", ", bounds) + "))";
        }
        List<String> alternatives = new ArrayList<>();
        List<String> equalSoFar = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            SortKey key = keys.get(i);
            Object value = typed(key.field(), values.get(i + 1));
            String column = key.field().column();
            String after;
            String equal;
            if (value == null) {
                after = key.descending() ? column + " IS NOT NULL" : "FALSE";
                equal = column + " IS NULL";
            } else {
                String p = compiler.bind(value);
                after = key.descending() ? column + " < " + p
                        : key.field().nullable() ? "(" + column + " > " + p + " OR " + column + " IS NULL)"
                        : column + " > " + p;
                equal = column + " = " + p;
            }
            alternatives.add(conjunction(equalSoFar, after));
            equalSoFar.add(equal);
        }
        String id = compiler.bind(values.get(keys.size() + 1).asText());
        alternatives.add(conjunction(equalSoFar, idColumn + (idDescending ? " < " : " > ") + id));
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    /** Every key NOT NULL and sorted in the id's direction: then "after" is a plain row comparison. */
    private boolean isUniform() {
        return keys.stream().allMatch(key -> !key.field().nullable() && key.descending() == idDescending);
    }

    private static String conjunction(List<String> equalities, String last) {
        List<String> parts = new ArrayList<>(equalities);
        parts.add(last);
        return "(" + String.join(" AND ", parts) + ")";
    }

    private JsonNode decode(String cursor) {
        try {
            JsonNode values = JSON.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (values.isArray() && values.size() == keys.size() + 2 && signature().equals(values.get(0).asText())
                    && values.get(keys.size() + 1).isTextual()) {
                return values;
            }
        } catch (IllegalArgumentException | JsonProcessingException e) {
            // reported below
        }
        throw ApiException.badRequest(List.of(new FieldError(List.of("cursor"),
                "invalid cursor: pass the X-Next-Cursor of the previous page, with the same sort")));
    }

    private static Object typed(QueryField field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return switch (field.type()) {
                case INTEGER -> node.asLong();
                case NUMBER -> node.asDouble();
                case BOOLEAN -> node.asBoolean();
                case TIMESTAMP -> {
                    OffsetDateTime parsed = QueryCompiler.parseTimestamp(node.asText());
                    if (parsed == null) {
                        throw new DateTimeParseException("out of range", node.asText(), 0);
                    }
                    yield parsed;
                }
                default -> node.asText();
            };
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(List.of(new FieldError(List.of("cursor"), "invalid cursor")));
        }
    }

    private String signature() {
        StringBuilder signature = new StringBuilder();
        keys.forEach(key -> signature.append(key.field().name()).append(key.descending() ? "-" : "+").append(','));
        return signature.toString();
    }
}
