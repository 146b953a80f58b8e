package org.samplesapi.web.query;

import java.util.Map;

/**
 * What a list route selects from: the row's columns (the object's id first), the FROM clause, the fields clients
 * may filter and sort by, and the order when they give none.
 */
public record ListSource(String columns, int columnCount, String from, String idColumn, Map<String, QueryField> fields,
                         String defaultSort) {
}
