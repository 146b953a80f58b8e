package org.samplesapi.web;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The JSON body of every error response. {@code status} and {@code message} are always present (the public client
 * reads {@code message}); {@code code}, {@code errors} and {@code item} only where they apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Also written by Vert.x handlers (Json.encode), outside the REST layer's own registration.
@RegisterForReflection
@Schema(name = "ApiError", requiredProperties = {"status", "message"})
public record ApiError(int status, String message, String code, List<FieldError> errors, Map<String, String> item) {
}
