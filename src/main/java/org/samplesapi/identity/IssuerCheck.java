package org.samplesapi.identity;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * Fails the start when the configured issuer does not answer OpenID discovery. quarkus-oidc only warns and retries
 * on the first request, which turns a mistyped issuer URL into a service that rejects every token; a deployment
 * should rather not become ready, with a message that names the setting. Retries for a while, so an identity
 * provider that starts alongside the service is waited for.
 */
@ApplicationScoped
public class IssuerCheck {

    private static final Logger LOG = Logger.getLogger(IssuerCheck.class);

    private final Vertx vertx;
    private final String issuer;
    private final Duration patience;

    public IssuerCheck(Vertx vertx, @ConfigProperty(name = "quarkus.oidc.auth-server-url") String issuer,
                       @ConfigProperty(name = "samples.identity.issuer-check-timeout", defaultValue = "30S")
                       Duration patience) {
        this.vertx = vertx;
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.patience = patience;
    }

    void verifyOnStart(@Observes StartupEvent event) {
        String discovery = issuer + "/.well-known/openid-configuration";
        HttpClient client = vertx.createHttpClient();
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(discovery))
                .chain(request -> request.send())
                .chain(IssuerCheck::bodyIfOk)
                .map(body -> new JsonObject(body.toString()))
                .invoke(document -> {
                    if (document.getString("jwks_uri") == null) {
                        throw new IllegalStateException("no jwks_uri in its discovery document");
                    }
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(250), Duration.ofSeconds(2)).expireIn(patience.toMillis())
                .eventually(client::close)
                .subscribe().with(
                        document -> LOG.infof("OIDC issuer %s answers discovery; keys at %s", issuer,
                                document.getString("jwks_uri")),
                        failure -> {
                            LOG.errorf("Stopping: the OIDC issuer configured by SAMPLES_OIDC_ISSUER"
                                    + " (quarkus.oidc.auth-server-url = %s) did not answer discovery at %s within %s: %s",
                                    issuer, discovery, patience, failure.getMessage());
                            Quarkus.asyncExit(1);
                        });
    }

    private static Uni<Buffer> bodyIfOk(HttpClientResponse response) {
        if (response.statusCode() != 200) {
            return Uni.createFrom().failure(new IllegalStateException("HTTP " + response.statusCode()));
        }
        return response.body();
    }
}
