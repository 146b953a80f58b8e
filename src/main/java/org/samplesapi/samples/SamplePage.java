package org.samplesapi.samples;

import java.util.List;

/**
 * One page of a sample list.
 *
 * @param rows       the samples
 * @param total      how many match in all (page mode), or {@code null} (cursor mode never counts)
 * @param nextCursor where the next page starts (cursor mode), or {@code null} on the last page
 */
public record SamplePage(List<SampleRow> rows, Long total, String nextCursor) {
}
