package org.samplesapi.samples;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import org.samplesapi.policy.BulkMode;
import org.samplesapi.policy.BulkPolicy;
import org.samplesapi.policy.DenialReason;
import org.samplesapi.policy.ItemRef;
import org.samplesapi.web.Ref;

/**
 * The answer to a bulk change, the same shape whether it applied (200) or not (403, 404): like every error it has
 * {@code status}, {@code message} and, when refused, {@code code}. Samples the caller may not read are counted in
 * {@code not_found}, never named.
 */
@Schema(name = "BulkUpdateAnswer")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BulkUpdateAnswer(
        @Schema(required = true) @JsonProperty("status") int status,
        @Schema(required = true) @JsonProperty("message") String message,
        @Schema(required = true, nullable = true,
                description = "bulk_update_refused when nothing changed because of refusals")
        @JsonProperty("code") String code,
        @JsonProperty("mode") String mode,
        @JsonProperty("dry_run") boolean dryRun,
        @Schema(description = "How many samples the request named, or its 'where' matched")
        @JsonProperty("requested") int requested,
        @Schema(description = "The samples changed (in a dry run: that would change)")
        @JsonProperty("changed") List<Ref> changed,
        @Schema(description = "Allowed samples that were already as asked")
        @JsonProperty("unchanged") List<Ref> unchanged,
        @Schema(description = "Readable samples refused, each with the code and message a PATCH of it would get")
        @JsonProperty("refused") List<Refused> refused,
        @Schema(description = "How many named samples do not exist or are not readable")
        @JsonProperty("not_found") int notFound) {

    static final String REFUSED = "bulk_update_refused";

    /** One refused sample. */
    @Schema(name = "BulkRefusal")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Refused(
            @JsonProperty("sample") Ref sample,
            @JsonProperty("code") String code,
            @JsonProperty("message") String message,
            @Schema(nullable = true, description = "The missing object, for a project or tag not found")
            @JsonProperty("item") Map<String, String> item) {

        static Refused of(BulkPolicy.Refusal refusal) {
            ItemRef item = refusal.deny().item();
            return new Refused(Ref.to("samples", refusal.sampleId()), refusal.deny().reason().code(),
                    refusal.deny().message(), item == null ? null : Map.of("$type", item.type(), "$id", item.id()));
        }
    }

    static BulkUpdateAnswer of(BulkResult result, BulkMode mode) {
        BulkPolicy.Outcome outcome = result.outcome();
        List<Refused> refused = outcome.refused().stream().map(Refused::of).toList();
        if (!outcome.applies()) {
            int status = outcome.kind() == DenialReason.Kind.FORBIDDEN ? 403 : 404;
            String message = "Nothing changed: " + describeRefusals(outcome) + " (mode all_or_nothing)"
                    + (refused.isEmpty() ? "." : "; see 'refused'.");
            return new BulkUpdateAnswer(status, message, REFUSED, mode.wireName(), result.dryRun(),
                    result.requested(), List.of(), List.of(), refused, outcome.hidden());
        }
        Set<String> changing = new HashSet<>(result.changing());
        List<Ref> changed = result.changing().stream().map(id -> Ref.to("samples", id)).toList();
        List<Ref> unchanged = outcome.allowed().stream().filter(id -> !changing.contains(id))
                .map(id -> Ref.to("samples", id)).toList();
        String verb = result.dryRun() ? "Would change " : "Changed ";
        String message = verb + changed.size() + " of " + result.requested() + " samples; " + unchanged.size()
                + " already as asked" + (outcome.refused().isEmpty() && outcome.hidden() == 0 ? "."
                        : "; " + describeRefusals(outcome) + ".");
        return new BulkUpdateAnswer(200, message, null, mode.wireName(), result.dryRun(), result.requested(), changed,
                unchanged, refused, outcome.hidden());
    }

    private static String describeRefusals(BulkPolicy.Outcome outcome) {
        return outcome.refused().size() + " refused, " + outcome.hidden() + " not found";
    }
}
