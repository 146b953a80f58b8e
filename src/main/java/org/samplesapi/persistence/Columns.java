package org.samplesapi.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.samplesapi.policy.SampleStatus;
import org.samplesapi.policy.Visibility;

/**
 * Reads the columns of a native query row in order. Keeps the Java types that the reactive driver and Hibernate
 * happen to choose for a PostgreSQL type in one place.
 */
public final class Columns {

    private final Object[] row;
    private int next;

    public Columns(Object[] row) {
        this.row = row;
    }

    private Object next() {
        return row[next++];
    }

    public String string() {
        Object value = next();
        return value == null ? null : value.toString();
    }

    public Long longValue() {
        Object value = next();
        return value == null ? null : ((Number) value).longValue();
    }

    public Double doubleValue() {
        Object value = next();
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** SQL {@code NULL} reads as {@code false}: outer joins that found nothing mean "no". */
    public boolean bool() {
        Object value = next();
        return value != null && (Boolean) value;
    }

    public Instant instant() {
        Object value = next();
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Not a timestamp column: " + value.getClass());
    }

    public Visibility visibility() {
        String value = string();
        return value == null ? null : VisibilityConverter.fromColumn(value);
    }

    public SampleStatus status() {
        String value = string();
        return value == null ? null : SampleStatusConverter.fromColumn(value);
    }

    /** A comma-separated aggregate ({@code string_agg}); {@code NULL} is the empty list. */
    public List<String> list() {
        String value = string();
        return value == null || value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }
}
