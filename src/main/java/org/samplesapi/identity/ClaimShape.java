package org.samplesapi.identity;

import java.util.Collection;
import java.util.Map;

import jakarta.json.JsonString;

/**
 * The shape of a token claim that names one thing, such as the caller's organization; identity providers differ.
 * Reading it is pure: the claim's value (as the token library hands it over) in, the one value it names (or
 * {@code null}) out. A claim naming several organizations is ambiguous: the caller then acts with none, and an admin
 * role cannot be pinned on one.
 */
public enum ClaimShape {

    /** Whichever of the shapes below the value has. */
    AUTO,
    /** A plain string, e.g. {@code "org_id": "acme"} (Auth0 Organizations, a Keycloak attribute mapper). */
    STRING,
    /** An array of one, e.g. {@code "organization": ["acme"]} (Keycloak 26 Organizations). */
    ARRAY,
    /**
     * An object keyed by organization, e.g. {@code "organization": {"acme": {"id": "…"}}} (Keycloak's organization
     * mapper with its attributes or ids).
     */
    MAP;

    /** The one value the claim names, or {@code null} when it names none, several, or has another shape. */
    public String single(Object claim) {
        Object value = switch (this) {
            case AUTO -> claim instanceof Collection<?> ? ARRAY.single(claim)
                    : claim instanceof Map<?, ?> ? MAP.single(claim) : STRING.single(claim);
            case STRING -> claim instanceof String || claim instanceof JsonString ? claim : null;
            case ARRAY -> claim instanceof Collection<?> values && values.size() == 1
                    ? STRING.single(values.iterator().next()) : null;
            case MAP -> claim instanceof Map<?, ?> entries && entries.size() == 1
                    ? STRING.single(entries.keySet().iterator().next()) : null;
        };
        if (value == null) {
            return null;
        }
        // As sent: blank or padded values are the caller's to refuse, not to be read as no organization.
        return value instanceof JsonString json ? json.getString() : value.toString();
    }
}
