package org.samplesapi.web.query;

/** One key of a {@code sort}: Potion's {@code {"field": true}} is descending, {@code false} ascending. */
public record SortKey(QueryField field, boolean descending) {

    /** Nulls sort as the largest values, in both directions (PostgreSQL's default, which indexes share). */
    public String orderBy() {
        return field.column() + (descending ? " DESC NULLS FIRST" : " ASC NULLS LAST");
    }
}
