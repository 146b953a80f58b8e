package org.samplesapi.samples;

import java.util.List;

import org.samplesapi.policy.BulkMode;
import org.samplesapi.policy.SampleChange;

/**
 * A bulk change: the samples, named by {@code ids} or by a list's {@code where} (exactly one of the two), the change
 * each of them gets, and what happens when some are refused.
 *
 * @param ids    the samples, without duplicates, or {@code null}
 * @param where  the list grammar's {@code where} (JSON), over the samples the caller may read, or {@code null}
 * @param change the change, as a PATCH of each sample would ask it
 * @param mode   all or nothing, or the allowed ones
 */
public record BulkUpdate(List<String> ids, String where, SampleChange change, BulkMode mode) {

    /** Most samples one bulk change may name or match. */
    public static final int MAX_SAMPLES = 10_000;

    public BulkUpdate {
        ids = ids == null ? null : List.copyOf(ids);
    }
}
