package org.samplesapi.identity;

import java.util.Set;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.samplesapi.policy.Caller;
import org.samplesapi.web.ApiIds;
import org.samplesapi.web.ApiException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The caller of the current request, from its verified bearer token: the user is the token's {@code sub}, the
 * organization a configurable claim, org-admin and platform-admin configurable roles read from the first role claim
 * that has any ({@link RoleClaims}).
 */
@ApplicationScoped
public class CallerResolver {

    private final SecurityIdentity identity;
    private final IdentityConfig config;
    private final UserProvisioner provisioner;

    public CallerResolver(SecurityIdentity identity, IdentityConfig config, UserProvisioner provisioner) {
        this.identity = identity;
        this.config = config;
        this.provisioner = provisioner;
    }

    public Uni<Caller> current() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("No bearer token"));
        }
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Token has no 'sub' claim"));
        }
        String organization = config.organizationClaimShape().single(token.getClaim(config.organizationClaim()));
        if (organization != null && (organization.isEmpty() || !organization.equals(organization.strip()))) {
            // Compared exactly as the identity provider sends it: a padded value is a misconfigured mapper, and
            // trimming it would make " acme" and "acme" one organization.
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "The organization claim is empty or has surrounding white space"));
        }
        TokenIdentity tokenIdentity = new TokenIdentity(subject, email(token), organization);
        Set<String> roles = RoleClaims.first(config.roleClaimPaths(), token::getClaim);
        boolean orgAdmin = roles.contains(config.orgAdminRole());
        boolean platformAdmin = roles.contains(config.platformAdminRole());
        return provisioner.provision(tokenIdentity)
                .map(user -> new Caller(user.userId(), user.tokenOrganizationId(), orgAdmin, platformAdmin));
    }

    /**
     * The GET of one object by id on behalf of the caller: {@code loader} returns it, or {@code null} when it does not
     * exist or the caller may not see it, and both are the same 404.
     */
    public <T> Uni<T> lookup(String what, String id, BiFunction<Caller, String, Uni<T>> loader) {
        if (!ApiIds.isWellFormed(id)) {
            return Uni.createFrom().failure(ApiException.notFound(what));
        }
        return current().chain(caller -> loader.apply(caller, id))
                .onItem().ifNull().failWith(() -> ApiException.notFound(what));
    }

    /** The token's e-mail address, when the identity provider verified it (or verification is not required). */
    private String email(JsonWebToken token) {
        if (config.requireVerifiedEmail() && !Boolean.TRUE.equals(verified(token.getClaim("email_verified")))) {
            return null;
        }
        return stringClaim(token, config.emailClaim());
    }

    private static Boolean verified(Object claim) {
        if (claim instanceof jakarta.json.JsonValue value) {
            return value.getValueType() == jakarta.json.JsonValue.ValueType.TRUE;
        }
        return claim instanceof Boolean flag ? flag : null;
    }

    private static String stringClaim(JsonWebToken token, String name) {
        return ClaimShape.STRING.single(token.getClaim(name));
    }
}
