package org.samplesapi.config;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Production start-up guard: names every missing environment variable at once, before any extension fails on the
 * first one with a message about its own internal property. Contributes no configuration itself.
 */
public class RequiredSettings implements ConfigSourceFactory {

    private record Setting(String property, String environment, String meaning) {
    }

    private static final List<Setting> REQUIRED = List.of(
            new Setting("quarkus.datasource.reactive.url", "SAMPLES_DB_URL",
                    "the PostgreSQL URL, e.g. postgresql://db.example.com:5432/samples"),
            new Setting("quarkus.datasource.migration.jdbc.url", "SAMPLES_DB_URL",
                    "the PostgreSQL URL, e.g. postgresql://db.example.com:5432/samples"),
            new Setting("quarkus.datasource.username", "SAMPLES_DB_USER", "the database user"),
            new Setting("quarkus.datasource.password", "SAMPLES_DB_PASSWORD", "the database user's password"),
            new Setting("quarkus.oidc.auth-server-url", "SAMPLES_OIDC_ISSUER",
                    "the OIDC issuer URL, e.g. https://keycloak.example.com/realms/samples"));

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        // Also called while the application is built and during static init: only the run-time start is checked.
        if (!context.getProfiles().contains("prod") || ExecutionMode.current() != ExecutionMode.RUNTIME_INIT) {
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        for (Setting setting : REQUIRED) {
            String line = setting.environment() + " (" + setting.meaning() + ")";
            if (!isSet(context, setting.property()) && !missing.contains(line)) {
                missing.add(line);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Missing configuration; set these environment variables: "
                    + String.join(", ", missing));
        }
        return List.of();
    }

    private static boolean isSet(ConfigSourceContext context, String property) {
        try {
            ConfigValue value = context.getValue(property);
            return value != null && value.getValue() != null && !value.getValue().isBlank();
        } catch (NoSuchElementException unresolvedExpression) {
            return false; // ${SAMPLES_...} with no such variable
        }
    }
}
