package org.samplesapi.projects;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.samplesapi.web.RefOrId;

/**
 * The project routes' request bodies as the OpenAPI document shows them. Only descriptions: the routes read the bodies
 * with {@link ProjectFieldsParser} and their own checks, which answer every problem at once.
 */
final class ProjectBodySchemas {

    private ProjectBodySchemas() {
    }

    @Schema(name = "ProjectFields", example = "{\"name\": \"Soil Survey 2024\", \"description\": \"Metagenomes of agricultural soils\"}",
            description = "A project's own fields. To create one, 'name' is required; to change"
            + " one, only the keys sent change. $uri, owner, permissions and public are read-only (a 400 names them).",
            additionalProperties = Schema.False.class)
    record Fields(
            @Schema(minLength = 1, maxLength = 60, example = "Soil survey 2026") String name,
            @Schema(nullable = true, example = "Shotgun metagenomes of the 2026 soil survey") String description,
            @Schema(nullable = true, pattern = "^[a-z0-9_]{3,15}$", description = "Unique among the owner's projects",
                    example = "soil_2026") String project_name) {
    }

    @Schema(name = "ProjectSharing", example = "{\"public\": true}", description = "Make a project public (visible to everyone) or not",
            additionalProperties = Schema.False.class)
    record Sharing(@Schema(name = "public", required = true) boolean isPublic) {
    }

    @Schema(name = "ProjectUser", example = "{\"user\": \"00000000000000b2\", \"permissions\": [\"can_see_files\", \"can_add_files\"]}",
            description = "A user to add to the project, with the permissions to grant"
            + " (default: can_see_files)", additionalProperties = Schema.False.class)
    record AddUser(
            @Schema(required = true) RefOrId user,
            List<PermissionName> permissions) {
    }

    @Schema(name = "ProjectPermissionName", type = SchemaType.STRING, enumeration = {"can_see_files", "can_add_files",
            "can_edit_metadata", "can_download_files", "can_incur_charges", "can_administer"})
    interface PermissionName {
    }

    @Schema(name = "ProjectUserRef", example = "{\"user\": \"00000000000000b2\"}",
            description = "The user to remove from the project",
            additionalProperties = Schema.False.class)
    record RemoveUser(@Schema(required = true) RefOrId user) {
    }
}
