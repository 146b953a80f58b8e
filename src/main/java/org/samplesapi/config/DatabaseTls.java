package org.samplesapi.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * One database TLS setting for the two drivers that share SAMPLES_DB_URL: the reactive pool (Vert.x) and the
 * migrations' JDBC datasource (pgjdbc). SAMPLES_DB_SSL_MODE takes libpq's modes and SAMPLES_DB_SSL_ROOT_CERT the PEM
 * file of the certificate authority that signed the server's certificate; each driver gets them in its own terms, so
 * that both verify the same way (Vert.x needs the hostname check and, below verify-ca, trusting any certificate spelt
 * out).
 * Settings that would not protect what they seem to (a verifying mode without a CA, a CA that a mode ignores, a mode
 * in the URL that only one driver would read) stop the start with a message naming them.
 */
public class DatabaseTls implements ConfigSourceFactory {

    static final String MODE = "samples.db.ssl-mode";
    static final String ROOT_CERT = "samples.db.ssl-root-cert";
    /** libpq's modes, weakest first; Vert.x and pgjdbc know each of them. */
    static final List<String> MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /** Below application.properties, so that an explicit Quarkus setting still wins. */
    private static final int ORDINAL = 200;
    private static final String JDBC = "quarkus.datasource.migration.jdbc.additional-jdbc-properties.";
    private static final String REACTIVE = "quarkus.datasource.reactive.";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        // Also called while the application is built and during static init: the drivers read it at run time only.
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT) {
            return List.of();
        }
        return List.of(new MapBackedConfigSource("samples database TLS", properties(value(context, MODE),
                value(context, ROOT_CERT), value(context, REACTIVE + "url")), ORDINAL) {
        });
    }

    /** The drivers' settings for a mode (unset: disable), a CA file (or null) and the database URL (or null). */
    static Map<String, String> properties(String mode, String rootCert, String url) {
        String chosen = mode == null ? "disable" : mode.trim().toLowerCase(Locale.ROOT);
        if (!MODES.contains(chosen)) {
            throw new IllegalStateException("SAMPLES_DB_SSL_MODE=" + mode + " is not one of "
                    + String.join(", ", MODES));
        }
        if (url != null && url.toLowerCase(Locale.ROOT).matches(".*[?&]ssl(mode|rootcert)=.*")) {
            throw new IllegalStateException("SAMPLES_DB_URL sets sslmode or sslrootcert, which only one of the two"
                    + " database drivers would read: set SAMPLES_DB_SSL_MODE and SAMPLES_DB_SSL_ROOT_CERT instead");
        }
        boolean verifies = chosen.startsWith("verify-");
        if (verifies && rootCert == null) {
            throw new IllegalStateException("SAMPLES_DB_SSL_MODE=" + chosen + " verifies the database's certificate and"
                    + " needs SAMPLES_DB_SSL_ROOT_CERT: the PEM file of the certificate authority that signed it");
        }
        if (!verifies && rootCert != null) {
            throw new IllegalStateException("SAMPLES_DB_SSL_ROOT_CERT is set, but SAMPLES_DB_SSL_MODE=" + chosen
                    + " does not check the database's certificate: use verify-full (or verify-ca)");
        }
        Map<String, String> properties = new HashMap<>();
        properties.put(REACTIVE + "postgresql.ssl-mode", chosen);
        properties.put(JDBC + "sslmode", chosen);
        if (verifies) {
            String file = readableCertificate(rootCert.trim());
            properties.put(REACTIVE + "trust-certificate-pem", "true");
            properties.put(REACTIVE + "trust-certificate-pem.certs", file);
            properties.put(JDBC + "sslrootcert", file);
            properties.put(REACTIVE + "hostname-verification-algorithm",
                    chosen.equals("verify-full") ? "HTTPS" : "NONE");
        } else if (!chosen.equals("disable")) {
            // Encrypted but unverified, as libpq and pgjdbc are in these modes (Vert.x would check the JDK's CAs).
            properties.put(REACTIVE + "trust-all", "true");
        }
        return properties;
    }

    private static String readableCertificate(String file) {
        Path path = Path.of(file);
        try (InputStream in = Files.newInputStream(path)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw new CertificateException("no certificate");
            }
        } catch (IOException e) {
            throw new IllegalStateException("SAMPLES_DB_SSL_ROOT_CERT=" + file + " cannot be read: " + e, e);
        } catch (CertificateException e) {
            throw new IllegalStateException("SAMPLES_DB_SSL_ROOT_CERT=" + file + " holds no PEM certificate", e);
        }
        return path.toAbsolutePath().toString();
    }

    private static String value(ConfigSourceContext context, String property) {
        try {
            ConfigValue value = context.getValue(property);
            return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
        } catch (NoSuchElementException unresolvedExpression) {
            return null;
        }
    }
}
