package org.samplesapi.devservices;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Dev mode only: so that {@code ./mvnw quarkus:dev} needs nothing but a JDK, points the datasources at an embedded
 * PostgreSQL (a real server, from the zonky binaries) and the OIDC extension at {@link DevIdentityProvider}. Each
 * is skipped when the corresponding setting is configured explicitly, and everything is inactive outside the dev
 * profile: the embedded server's classes are then never touched, and the packaged application does not contain them.
 */
public class DevServicesConfigSource implements ConfigSourceFactory {

    /** Below application.properties (250), so any explicit setting wins. */
    private static final int ORDINAL = 200;
    private static final String DEFAULT_IDENTITY_PROVIDER_PORT = "8180";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev")) {
            return List.of();
        }
        Map<String, String> properties = new HashMap<>();
        if (!isSet(context, "quarkus.datasource.reactive.url")) {
            int port = (Integer) devOnly("DevPostgres", "port");
            properties.put("quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/postgres");
            properties.put("quarkus.datasource.migration.jdbc.url", "jdbc:postgresql://localhost:" + port + "/postgres");
            properties.put("quarkus.datasource.username", "postgres");
            properties.put("quarkus.datasource.password", "postgres");
        }
        if (!isSet(context, "quarkus.oidc.auth-server-url")) {
            ConfigValue port = context.getValue("samples.dev.identity-provider.port");
            String configuredPort = port == null || port.getValue() == null
                    ? DEFAULT_IDENTITY_PROVIDER_PORT : port.getValue();
            properties.put("quarkus.oidc.auth-server-url",
                    (String) devOnly("DevIdentityProvider", "issuer", Integer.parseInt(configuredPort.trim())));
        }
        return List.of(new MapBackedConfigSource("samples dev services", properties, ORDINAL) {
        });
    }

    /**
     * Calls into the dev services by name. The embedded PostgreSQL is not packaged (provided scope): a direct call
     * would make native-image link it (it builds with --link-at-build-time) and fail; this way the dev classes are
     * never reachable from the production image.
     */
    private static Object devOnly(String className, String method, Object... args) {
        try {
            Class<?>[] types = new Class<?>[args.length];
            for (int i = 0; i < args.length; i++) {
                types[i] = args[i] instanceof Integer ? int.class : args[i].getClass();
            }
            Method target = Class.forName(DevServicesConfigSource.class.getPackageName() + "." + className)
                    .getDeclaredMethod(method, types);
            target.setAccessible(true);
            return target.invoke(null, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("dev services unavailable: " + className, e);
        }
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
