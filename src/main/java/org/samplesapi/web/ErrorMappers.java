package org.samplesapi.web;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.oidc.OIDCException;
import io.quarkus.oidc.common.runtime.OidcEndpointAccessException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerResponse;

/**
 * Turns every failure on the request path into a Potion-style JSON error: clients (the public Python client among
 * them) read {@code message} from every error body, so nothing leaves as HTML, plain text or a stack trace.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    public static final String RETRY_AFTER_SECONDS = "5";

    private final DenialMetrics denials;

    public ErrorMappers(DenialMetrics denials) {
        this.denials = denials;
    }

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        if (e.error().status() == 404) {
            denials.notFound(1);
        } else {
            e.denial().ifPresent(denials::refused);
        }
        return e.error().status() == 503 ? unavailable(e.error().message()) : json(e.error());
    }

    /** The answer to a request without a valid token, whichever part of the service refuses it. */
    public static final ApiError UNAUTHENTICATED = new ApiError(401,
            "Authentication required: send a valid, unexpired bearer token from the configured issuer.",
            "unauthorized", null, null);

    @ServerExceptionMapper({AuthenticationFailedException.class, AuthenticationCompletionException.class,
            UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, HttpServerResponse vertxResponse) {
        if (issuerUnreachable(e)) {
            LOG.warnf("Identity provider unavailable while verifying a token: %s", e.getCause());
            return unavailable("The identity provider is unavailable; retry shortly.");
        }
        Response response = json(UNAUTHENTICATED);
        // The OIDC mechanism may already have set its challenge on the underlying response; never send two.
        return vertxResponse.headers().contains(HttpHeaders.WWW_AUTHENTICATE)
                ? response
                : Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /**
     * Keys are fetched when a token needs them: when the issuer's JWKS cannot be fetched, quarkus-oidc fails the
     * authentication with that failure as its cause. The token was not judged, so this is an outage, not a 401.
     */
    private static boolean issuerUnreachable(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof OidcEndpointAccessException || cause instanceof OIDCException
                    || cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * quarkus-oidc could not reach the issuer (its keys were never fetched, it retries on every request): the token
     * cannot be judged either way, so this is a temporary outage, not a 401 and not a bug.
     */
    @ServerExceptionMapper
    public Response identityProviderUnavailable(OIDCException e) {
        LOG.warnf("Identity provider unavailable: %s", e.getMessage());
        return unavailable("The identity provider is unavailable; retry shortly.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(new ApiError(403, "You are not allowed to do this.", "forbidden", null, null));
    }

    /** Routing and content negotiation failures raised by the REST layer itself (404, 405, 406, 415 ...). */
    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "Not found.";
            case 405 -> "Method not allowed on this resource.";
            case 406 -> "Not acceptable: this API produces application/json.";
            case 415 -> "Unsupported media type: send application/json (or application/merge-patch+json).";
            default -> Response.Status.fromStatusCode(status) != null
                    ? Response.Status.fromStatusCode(status).getReasonPhrase() + "."
                    : "Request failed.";
        };
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        return json(new ApiError(status, message, null, null, null));
    }

    /** A temporary outage of something the service depends on: the client should retry, and is told when. */
    public static Response unavailable(String message) {
        return Response.fromResponse(json(new ApiError(503, message, "service_unavailable", null, null)))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    public static Response json(ApiError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
