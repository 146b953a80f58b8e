package org.samplesapi.organizations;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.util.StdConverter;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.samplesapi.policy.Visibility;
import org.samplesapi.web.Refs;
import org.samplesapi.web.Timestamps;

/** An organization on the wire: its name, its sharing policy, and where its samples stand against it. */
@Schema(name = "Organization")
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder(alphabetic = true)
public record OrganizationView(
        @Schema(example = "/api/v1/organizations/0000000000000a01") @JsonProperty("$uri") String uri,
        @JsonProperty("name") String name,
        @Schema(description = "Whether the organization keeps personally identifiable information in its samples;"
                + " true caps every sample at private.")
        @JsonProperty("holds_pii") boolean holdsPii,
        @Schema(description = "The most permissive visibility the organization allows.",
                enumeration = {"private", "shared", "public"})
        @JsonProperty("max_visibility") String maxVisibility,
        @Schema(description = "The cap that applies: private while holds_pii, otherwise max_visibility.",
                enumeration = {"private", "shared", "public"})
        @JsonProperty("effective_max_visibility") String effectiveMaxVisibility,
        @Schema(description = "How many of its members' samples sit at each visibility (deleted ones aside).",
                example = "{\"private\": 120, \"shared\": 40, \"public\": 3}")
        @JsonProperty("samples") Map<String, Long> samples,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt) {

    static OrganizationView of(Organization organization) {
        Map<String, Long> samples = new LinkedHashMap<>();
        for (Visibility visibility : Visibility.values()) {
            samples.put(visibility.wireName(), organization.samplesByVisibility.getOrDefault(visibility, 0L));
        }
        return new OrganizationView(Refs.uri("organizations", organization.id), organization.name,
                organization.holdsPii, organization.maxVisibility.wireName(),
                organization.policy().cap().wireName(), samples, Timestamps.format(organization.createdAt),
                Timestamps.format(organization.updatedAt));
    }

    public static final class OfOrganization extends StdConverter<Organization, OrganizationView> {
        @Override
        public OrganizationView convert(Organization organization) {
            return of(organization);
        }
    }
}
