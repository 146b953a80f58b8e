package org.samplesapi.samples;

import java.util.List;

import org.samplesapi.policy.BulkPolicy;

/**
 * What a bulk change did (or, in a dry run, would do).
 *
 * @param requested how many samples it named, or its {@code where} matched
 * @param outcome   the policy's outcome: allowed, refused, hidden, and whether it applies
 * @param changing  the allowed samples the change makes a difference to, in id order
 * @param dryRun    whether nothing was kept
 */
public record BulkResult(int requested, BulkPolicy.Outcome outcome, List<String> changing, boolean dryRun) {

    public BulkResult {
        changing = List.copyOf(changing);
    }
}
