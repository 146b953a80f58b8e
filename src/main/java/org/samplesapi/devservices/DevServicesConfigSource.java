package org.samplesapi.devservices;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Dev mode only: points the datasources at an embedded PostgreSQL (a real server, started from the zonky binaries)
 * so {@code ./mvnw quarkus:dev} needs nothing but a JDK. Inactive in every other profile and when a datasource URL
 * is configured; the embedded server's classes are only touched in dev mode, so the packaged application (which
 * does not contain them) never loads them.
 */
public class EmbeddedPostgresConfigSource implements ConfigSourceFactory {

    /** Below application.properties (250), so any explicit setting wins. */
    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev") || isSet(context, "quarkus.datasource.reactive.url")) {
            return List.of();
        }
        int port = DevPostgres.port();
        return List.of(new MapBackedConfigSource("embedded-postgres (dev)", Map.of(
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), ORDINAL) {
        });
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
