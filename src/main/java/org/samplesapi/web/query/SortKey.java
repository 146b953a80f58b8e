package org.samplesapi.web.query;

/** One key of a {@code sort}: Potion's {@code {"field": true}} is descending, {@code false} ascending. */
public record SortKey(QueryField field, boolean descending) {

    /** Nulls sort as the largest values, in both directions (PostgreSQL's default, which indexes share). */
    public String orderBy() {
        return orderBy(field.column());
    }

    /** The same order over another name of the column (a subquery's output column). */
    public String orderBy(String column) {
        return column + (descending ? " DESC NULLS FIRST" : " ASC NULLS LAST");
    }
}
