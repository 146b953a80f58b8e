package org.samplesapi.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.samplesapi.policy.Decision;
import org.samplesapi.policy.DenialReason;
import org.samplesapi.policy.ItemRef;

/**
 * A request that is refused with a well-defined status and JSON body. Thrown anywhere on the request path; it rolls
 * back the transaction it crosses and is rendered by {@link ErrorMappers}.
 */
public class ApiException extends RuntimeException {

    /** What a client is told when its request met a concurrent one and nothing was written. */
    public static final String COLLIDED = "The request collided with another one; retry shortly.";

    private final transient ApiError error;
    private final DenialReason denial;

    public ApiException(ApiError error) {
        this(error, null);
    }

    private ApiException(ApiError error, DenialReason denial) {
        super(error.message(), null, false, false);
        this.error = error;
        this.denial = denial;
    }

    public ApiError error() {
        return error;
    }

    /** The authorization rule that refused the request, or empty when it was refused for another reason. */
    public Optional<DenialReason> denial() {
        return Optional.ofNullable(denial);
    }

    public static ApiException badRequest(List<FieldError> errors) {
        String message = errors.size() == 1
                ? "Invalid request: " + errors.get(0).message()
                : "Invalid request: " + errors.size() + " problems, see 'errors'.";
        return new ApiException(new ApiError(400, message, "validation_failed", List.copyOf(errors), null));
    }

    /** Goes on when validation found nothing; otherwise refuses with every problem found. */
    public static void rejectAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw badRequest(errors);
        }
    }

    /** A GET of an object that does not exist or that the caller may not see: the two look the same. */
    public static ApiException notFound(String what) {
        return new ApiException(new ApiError(404, what + " not found.", "not_found", null, null));
    }

    public static ApiException payloadTooLarge(long limitBytes) {
        return new ApiException(new ApiError(413, "Request body too large: at most " + limitBytes + " bytes.",
                "payload_too_large", null, null));
    }

    public static ApiException preconditionFailed() {
        return preconditionFailed("sample");
    }

    /** {@code what}: the object the If-Match header was about, named in the message. */
    public static ApiException preconditionFailed(String what) {
        return new ApiException(new ApiError(412,
                "The " + what + " has changed since the ETag given in If-Match; fetch it again and retry.",
                "precondition_failed", null, null));
    }

    /**
     * The request met a concurrent change it cannot decide on (a 503 with Retry-After): nothing was written, and the
     * same request may well pass now.
     */
    public static ApiException collided() {
        return new ApiException(new ApiError(503, COLLIDED, "service_unavailable", null, null));
    }

    /** Goes on when the decision allows; otherwise refuses with it. */
    public static void require(Decision decision) {
        if (decision instanceof Decision.Deny deny) {
            throw denied(deny);
        }
        // Fail closed: a rule that answered nothing allowed nothing (a 500, not a way in).
        Objects.requireNonNull(decision, "an authorization rule answered no decision");
    }

    /**
     * Renders a policy denial: hidden objects as 404 (with the missing item where known), refusals as 403, and a
     * state that must change first as 409.
     */
    public static ApiException denied(Decision.Deny deny) {
        DenialReason reason = deny.reason();
        int status = switch (reason.kind()) {
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
        };
        ItemRef item = deny.item();
        Map<String, String> itemBody = item == null ? null : Map.of("$type", item.type(), "$id", item.id());
        return new ApiException(new ApiError(status, deny.message(), reason.code(), null, itemBody), reason);
    }
}
