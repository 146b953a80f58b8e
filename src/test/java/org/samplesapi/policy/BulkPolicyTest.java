package org.samplesapi.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The outcome of a bulk change as a truth table: which samples it is made of × mode → whether it applies, the kind
 * of its refusal, what is listed as refused and what is only counted. Pure: no Quarkus, no database.
 */
class BulkPolicyTest {

    private static final Decision FORBIDDEN = new Decision.Deny(DenialReason.ORG_POLICY_VIOLATION, "capped");
    private static final Decision PROJECT_HIDDEN = new Decision.Deny(DenialReason.PROJECT_NOT_FOUND, "no project",
            ItemRef.project("0000000000000099"));
    private static final Decision SAMPLE_HIDDEN = SamplePolicy.sampleNotFound();

    /**
     * The samples of a bulk change, one letter each: a = allowed, f = refused (forbidden), p = its project not found,
     * h = not readable, m = an id that names no sample.
     */
    private static final List<String> MIXES = List.of("a", "aa", "af", "ap", "ah", "am", "fp", "h", "m", "afph");

    /** mix → all_or_nothing | apply_allowed, each: applies/kind, allowed, listed refusals, counted hidden. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("a", "applies 1 0 0 | applies 1 0 0"),
            Map.entry("aa", "applies 2 0 0 | applies 2 0 0"),
            Map.entry("af", "FORBIDDEN 1 1 0 | applies 1 1 0"),
            Map.entry("ap", "NOT_FOUND 1 1 0 | applies 1 1 0"),
            Map.entry("ah", "NOT_FOUND 1 0 1 | applies 1 0 1"),
            Map.entry("am", "NOT_FOUND 1 0 1 | applies 1 0 1"),
            Map.entry("fp", "FORBIDDEN 0 2 0 | applies 0 2 0"),
            Map.entry("h", "NOT_FOUND 0 0 1 | applies 0 0 1"),
            Map.entry("m", "NOT_FOUND 0 0 1 | applies 0 0 1"),
            Map.entry("afph", "FORBIDDEN 1 2 1 | applies 1 2 1"));

    @Test
    void theOutcomeOfEachMixInEachMode() {
        Map<String, String> actual = new LinkedHashMap<>();
        for (String mix : MIXES) {
            List<String> cells = new ArrayList<>();
            for (BulkMode mode : BulkMode.values()) {
                cells.add(describe(decide(mix, mode)));
            }
            actual.put(mix, String.join(" | ", cells));
        }
        assertEquals(new TreeMap<>(EXPECTED), new TreeMap<>(actual));
    }

    /** Refusals keep their sample and reason; hidden samples leave no trace but their number. */
    @Test
    void refusalsNameTheirSampleAndReasonAndHiddenOnesOnlyCount() {
        BulkPolicy.Outcome outcome = decide("afph", BulkMode.APPLY_ALLOWED);
        assertEquals(List.of("s0"), outcome.allowed());
        assertEquals(List.of("s1 org_policy_violation", "s2 not_found projects"), outcome.refused().stream()
                .map(r -> r.sampleId() + " " + r.deny().reason().code()
                        + (r.deny().item() == null ? "" : " " + r.deny().item().type())).toList());
        assertEquals(1, outcome.hidden());
    }

    private static BulkPolicy.Outcome decide(String mix, BulkMode mode) {
        List<BulkPolicy.Verdict> verdicts = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < mix.length(); i++) {
            Decision decision = switch (mix.charAt(i)) {
                case 'a' -> Decision.ALLOW;
                case 'f' -> FORBIDDEN;
                case 'p' -> PROJECT_HIDDEN;
                case 'h' -> SAMPLE_HIDDEN;
                default -> null;
            };
            if (decision == null) {
                missing++;
            } else {
                verdicts.add(new BulkPolicy.Verdict("s" + i, decision));
            }
        }
        return BulkPolicy.decide(verdicts, missing, mode);
    }

    private static String describe(BulkPolicy.Outcome outcome) {
        return (outcome.applies() ? "applies" : outcome.kind().name()) + " " + outcome.allowed().size() + " "
                + outcome.refused().size() + " " + outcome.hidden();
    }
}
