package org.samplesapi.tags;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.samplesapi.persistence.Columns;
import org.samplesapi.web.Refs;

/** A tag as One Codex shows one: {@code $uri} and {@code name}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TagView(@JsonProperty("$uri") String uri, @JsonProperty("name") String name) {

    static TagView read(Columns columns) {
        return new TagView(Refs.uri("tags", columns.string()), columns.string());
    }
}
