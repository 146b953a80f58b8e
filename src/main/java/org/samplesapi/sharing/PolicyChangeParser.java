package org.samplesapi.sharing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import org.samplesapi.policy.PolicyChange;
import org.samplesapi.policy.Visibility;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.JsonBodies;
import org.samplesapi.web.RequestRefs;

/**
 * Reads the body of a policy PATCH (an organization's or an account's) into a {@link PolicyChange}: only
 * {@code holds_pii} (a boolean) and {@code max_visibility} may appear (and, for a user's account,
 * {@code organization}); anything else is refused with every problem listed, as for samples.
 */
@ApplicationScoped
public class PolicyChangeParser {

    private static final String ORGANIZATION = "organization";

    private final JsonBodies bodies;

    public PolicyChangeParser(JsonBodies bodies) {
        this.bodies = bodies;
    }

    /** {@code readOnly}: the keys of the object that exist but cannot be changed through this route. */
    public PolicyChange parse(byte[] body, Set<String> readOnly) {
        return read(body, readOnly, false).policy();
    }

    /**
     * A user's account as {@code PATCH /api/v1/users/{id}} changes it: the policy, and {@code organization}, a
     * reference to the organization to move the user to. Who may do either is decided later.
     */
    public AccountChange parseAccountChange(byte[] body, Set<String> readOnly) {
        return read(body, readOnly, true);
    }

    private AccountChange read(byte[] body, Set<String> readOnly, boolean movable) {
        JsonNode root = bodies.object(body);
        List<FieldError> errors = new ArrayList<>();
        Boolean holdsPii = null;
        Visibility maxVisibility = null;
        String organizationId = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case PolicyChange.HOLDS_PII -> {
                    if (value.isBoolean()) {
                        holdsPii = value.booleanValue();
                    } else {
                        errors.add(FieldError.at(key, "'holds_pii' must be true or false"));
                    }
                }
                case PolicyChange.MAX_VISIBILITY -> {
                    maxVisibility = value.isTextual() ? Visibility.fromWire(value.textValue()).orElse(null) : null;
                    if (maxVisibility == null) {
                        errors.add(FieldError.at(key, "'max_visibility' must be one of 'private', 'shared', 'public'"));
                    }
                }
                default -> {
                    if (movable && key.equals(ORGANIZATION)) {
                        organizationId = RequestRefs.id(key, null, "organizations", value, errors);
                    } else {
                        errors.add(FieldError.at(key, readOnly.contains(key)
                                ? "'" + key + "' is read-only and cannot be changed"
                                : "'" + key + "' cannot be changed; only 'holds_pii' and 'max_visibility' may be"));
                    }
                }
            }
        }
        ApiException.rejectAny(errors);
        return new AccountChange(new PolicyChange(holdsPii, maxVisibility), organizationId);
    }
}
