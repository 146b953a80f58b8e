package org.samplesapi.web;

import java.util.List;

/**
 * One page of a list.
 *
 * @param rows       the objects
 * @param total      how many match in all (page mode), or {@code null} in cursor mode
 * @param nextCursor where the next page starts (cursor mode), or {@code null} on the last page
 */
public record ListPage<T>(List<T> rows, Long total, String nextCursor) {
}
