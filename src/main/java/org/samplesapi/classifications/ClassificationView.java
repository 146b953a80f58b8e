package org.samplesapi.classifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.samplesapi.web.Ref;

/**
 * A classification, as far as this service knows one: analyses are not run here, so only the reference's target
 * exists (its sample and when it was created).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ClassificationView(@JsonProperty("$uri") String uri, @JsonProperty("created_at") String createdAt,
                                 @JsonProperty("sample") Ref sample) {
}
