package org.samplesapi.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * The dev mode demo: its data script and its users, with tokens carrying the claims the dev identity provider
 * gives them (organization, roles), signed for the test issuer. Lets the packaged-application suite replay the
 * README walkthrough on the very data a newcomer gets.
 */
public final class DemoUsers {

    private static final Properties USERS = load();

    private DemoUsers() {
    }

    public static String token(String subject) {
        String email = USERS.getProperty(subject + ".email");
        if (email == null) {
            throw new IllegalArgumentException("no demo user " + subject);
        }
        JwtClaimsBuilder claims = Jwt.issuer(Tokens.ISSUER).subject(subject).audience(Tokens.AUDIENCE)
                .claim("email", email).claim("email_verified", true)
                .groups(Set.copyOf(Arrays.asList(USERS.getProperty(subject + ".roles", "user").split(","))))
                .expiresIn(600);
        String org = USERS.getProperty(subject + ".org", "");
        if (!org.isBlank()) {
            claims.claim("org_id", org);
        }
        return Tokens.sign(claims);
    }

    /** Loads the dev demo data (idempotent) into the test database. */
    public static void loadData() {
        try (InputStream in = DemoUsers.class.getResourceAsStream("/db/dev/afterMigrate__demo_data.sql")) {
            Db.script(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Set<String> subjects() {
        return USERS.stringPropertyNames().stream().map(name -> name.substring(0, name.indexOf('.')))
                .collect(Collectors.toSet());
    }

    private static Properties load() {
        Properties users = new Properties();
        try (InputStream in = DemoUsers.class.getResourceAsStream("/dev/demo-users.properties")) {
            users.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return users;
    }
}
