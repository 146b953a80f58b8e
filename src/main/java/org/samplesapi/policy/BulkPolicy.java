package org.samplesapi.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A bulk change is a PATCH of each of its samples: {@link SamplePolicy#decidePatch} decides every one. What this adds
 * is the outcome of the whole. Samples the caller may not read (and ids that name no sample) are only counted, never
 * named, so that a bulk change tells no more about them than a GET would.
 */
public final class BulkPolicy {

    private BulkPolicy() {
    }

    /** One sample's decision. */
    public record Verdict(String sampleId, Decision decision) {
    }

    /** A sample the caller may read, and why it may not change as asked. */
    public record Refusal(String sampleId, Decision.Deny deny) {
    }

    /**
     * @param allowed the samples whose change is allowed, in the order decided
     * @param refused the readable samples refused, each with its reason
     * @param hidden  how many of the requested samples do not exist or are not readable
     * @param applies whether the allowed samples change: always with {@link BulkMode#APPLY_ALLOWED}, only when nothing
     *                is refused or hidden with {@link BulkMode#ALL_OR_NOTHING}
     * @param kind    when it does not apply: {@code FORBIDDEN} if any refusal admits its sample exists, else
     *                {@code NOT_FOUND}; {@code null} when it applies
     */
    public record Outcome(List<String> allowed, List<Refusal> refused, int hidden, boolean applies,
                          DenialReason.Kind kind) {

        public Outcome {
            allowed = List.copyOf(allowed);
            refused = List.copyOf(refused);
        }
    }

    /** The outcome of the verdicts on the samples found, {@code missing} more having named no sample at all. */
    public static Outcome decide(List<Verdict> verdicts, int missing, BulkMode mode) {
        List<String> allowed = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        int hidden = missing;
        for (Verdict verdict : verdicts) {
            if (verdict.decision() instanceof Decision.Deny deny) {
                if (deny.reason() == DenialReason.SAMPLE_NOT_FOUND) {
                    hidden++;
                } else {
                    refused.add(new Refusal(verdict.sampleId(), deny));
                }
            } else {
                allowed.add(verdict.sampleId());
            }
        }
        boolean applies = mode == BulkMode.APPLY_ALLOWED || (refused.isEmpty() && hidden == 0);
        DenialReason.Kind kind = applies ? null
                : refused.stream().anyMatch(r -> r.deny().reason().kind() == DenialReason.Kind.FORBIDDEN)
                        ? DenialReason.Kind.FORBIDDEN : DenialReason.Kind.NOT_FOUND;
        return new Outcome(allowed, refused, hidden, applies, kind);
    }
}
