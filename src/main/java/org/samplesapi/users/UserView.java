package org.samplesapi.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import org.samplesapi.web.Refs;

/** A user as One Codex shows one: {@code $uri}, {@code email}, {@code username}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserView(@JsonProperty("$uri") String uri, @Schema(nullable = true) @JsonProperty("email") String email,
                       @Schema(nullable = true) @JsonProperty("username") String username) {

    public static UserView of(String id, String email, String username) {
        return new UserView(Refs.uri("users", id), email, username);
    }
}
