package org.samplesapi.support;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Real RS256 tokens for the test issuer: signed with the key whose public half the WireMock issuer serves as JWKS
 * (kid "1"), carrying the claims the service reads (sub, org_id, email, groups).
 */
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "samples-api";
    public static final String SIGNING_KEY = "privateKey.jwk";
    public static final String KEY_ID = "1";

    private Tokens() {
    }

    public static String of(World.User user) {
        return sign(claims(user));
    }

    /** A token that also names the user, as Keycloak's do ({@code preferred_username}, {@code upn}). */
    public static String named(World.User user, String name) {
        return sign(claims(user).claim("preferred_username", name).claim("upn", name + "@example.org"));
    }

    /** A token granting the organization-admin role. */
    public static String admin(World.User user) {
        return sign(claims(user).groups(Set.of("user", "org_admin")));
    }

    /** A token granting the platform-administrator role. */
    public static String platformAdmin(World.User user) {
        return sign(claims(user).groups(Set.of("user", "platform_admin")));
    }

    public static JwtClaimsBuilder claims(World.User user) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(user.subject())
                .audience(AUDIENCE)
                .claim("email", user.email())
                .claim("email_verified", true)
                .groups(Set.of("user"))
                .expiresIn(300);
        if (user.org() != null) {
            claims.claim("org_id", user.org().externalId());
        }
        return claims;
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).sign(SIGNING_KEY);
    }

    /** Signed by a key the issuer never published, under the issuer's key id: the signature cannot verify. */
    public static String signedByStranger(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).sign(strangerKey());
    }

    public static String expired(World.User user) {
        Instant now = Instant.now();
        return sign(claims(user).issuedAt(now.minusSeconds(3600)).expiresAt(now.minusSeconds(600)));
    }

    private static PrivateKey strangerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
