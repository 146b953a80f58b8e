package org.samplesapi.projects;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import org.samplesapi.web.Ref;

/**
 * A project as One Codex shows one. {@code permissions} is the caller's own permission set on it (all six for its
 * owner), which the public client reads.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProjectView(@JsonProperty("$uri") String uri, @Schema(nullable = true) @JsonProperty("description") String description,
                          @JsonProperty("name") String name, @JsonProperty("owner") Ref owner,
                          @JsonProperty("permissions") List<String> permissions,
                          @Schema(nullable = true) @JsonProperty("project_name") String projectName, @JsonProperty("public") boolean isPublic) {
}
