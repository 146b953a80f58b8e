package org.samplesapi.web;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A reference in a request body as the OpenAPI document shows it: a {@link Ref} or the bare id, both of which
 * {@link RequestRefs} reads. Only a description; the document's examples use the bare id, since tools resolve a
 * {@code $ref} key wherever it stands, examples included.
 */
@Schema(name = "RefOrId", description = "A reference {\"$ref\": \"/api/v1/<resource>/<id>\"}, or the bare id",
        oneOf = {Ref.class, RefOrId.BareId.class})
public final class RefOrId {

    private RefOrId() {
    }

    @Schema(name = "Id", type = SchemaType.STRING, pattern = "^[a-z0-9]{16}$", example = "9000000000000001",
            description = "An object's id: 16 lowercase letters or digits")
    static final class BareId {
        private BareId() {
        }
    }
}
