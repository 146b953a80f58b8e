package org.samplesapi.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.samplesapi.support.TestCertificates;

/**
 * What each SAMPLES_DB_SSL_MODE gives the reactive pool and the migrations' JDBC driver, and the settings that stop the
 * start. DatabaseTlsIT shows the drivers acting on them against a PostgreSQL that speaks TLS only.
 */
class DatabaseTlsTest {

    private static final String URL = "postgresql://db.example.com:5432/samples";
    private static String ca;

    @BeforeAll
    static void authority() throws Exception {
        ca = TestCertificates.authority(Files.createTempDirectory("samples-tls-test"), "test-ca").certificate()
                .toString();
    }

    @Test
    void everyModeReachesBothDrivers() {
        for (String mode : DatabaseTls.MODES) {
            String root = mode.startsWith("verify-") ? ca : null;
            Map<String, String> properties = DatabaseTls.properties(mode, root, URL);
            assertEquals(mode, properties.get("quarkus.datasource.reactive.postgresql.ssl-mode"), mode);
            assertEquals(mode, properties.get("quarkus.datasource.migration.jdbc.additional-jdbc-properties.sslmode"),
                    mode);
        }
        assertEquals("disable", DatabaseTls.properties(null, null, URL)
                .get("quarkus.datasource.migration.jdbc.additional-jdbc-properties.sslmode"), "unset is disable");
        assertEquals("verify-full", DatabaseTls.properties(" Verify-Full ", ca, URL)
                .get("quarkus.datasource.reactive.postgresql.ssl-mode"));
    }

    /** mode → (the pool trusts any certificate, the pool checks the host name, both are given the CA). */
    @Test
    void theModesVerifyAsLibpqSays() {
        Map<String, String> expected = Map.of(
                "disable", "false false false",
                "allow", "true false false",
                "prefer", "true false false",
                "require", "true false false",
                "verify-ca", "false false true",
                "verify-full", "false true true");
        Map<String, String> actual = new HashMap<>();
        for (String mode : DatabaseTls.MODES) {
            Map<String, String> p = DatabaseTls.properties(mode, mode.startsWith("verify-") ? ca : null, URL);
            boolean trustsAny = "true".equals(p.get("quarkus.datasource.reactive.trust-all"));
            boolean checksHost = "HTTPS".equals(p.get("quarkus.datasource.reactive.hostname-verification-algorithm"));
            boolean givenCa = ca.equals(p.get("quarkus.datasource.reactive.trust-certificate-pem.certs"))
                    && "true".equals(p.get("quarkus.datasource.reactive.trust-certificate-pem"))
                    && ca.equals(p.get("quarkus.datasource.migration.jdbc.additional-jdbc-properties.sslrootcert"));
            actual.put(mode, trustsAny + " " + checksHost + " " + givenCa);
        }
        assertEquals(expected, actual);
    }

    @Test
    void settingsThatWouldNotProtectWhatTheySeemToStopTheStart() throws Exception {
        assertRefused(() -> DatabaseTls.properties("verify-full", null, URL), "needs SAMPLES_DB_SSL_ROOT_CERT");
        assertRefused(() -> DatabaseTls.properties("verify-ca", null, URL), "needs SAMPLES_DB_SSL_ROOT_CERT");
        assertRefused(() -> DatabaseTls.properties("require", ca, URL), "does not check the database's certificate");
        assertRefused(() -> DatabaseTls.properties(null, ca, URL), "does not check the database's certificate");
        assertRefused(() -> DatabaseTls.properties("verify_full", ca, URL), "is not one of disable, allow");
        assertRefused(() -> DatabaseTls.properties("require", null, URL + "?sslmode=disable"), "only one of the two");
        assertRefused(() -> DatabaseTls.properties("verify-full", ca, URL + "?a=b&sslrootcert=/x"),
                "only one of the two");
        assertRefused(() -> DatabaseTls.properties("verify-full", "/nonexistent/ca.crt", URL), "cannot be read");
        Path notACertificate = Files.writeString(Files.createTempFile("not-a-ca", ".crt"), "hello");
        assertRefused(() -> DatabaseTls.properties("verify-full", notACertificate.toString(), URL),
                "holds no PEM certificate");
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable settings, String message) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, settings);
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }
}
