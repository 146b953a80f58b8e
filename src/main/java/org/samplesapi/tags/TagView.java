package org.samplesapi.tags;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A tag as One Codex shows one: {@code $uri} and {@code name}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TagView(@JsonProperty("$uri") String uri, @JsonProperty("name") String name) {
}
