package org.samplesapi.devservices;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL of dev mode: one server per JVM. Quarkus reads configuration in more than one class loader
 * (and again on every live reload), so the port is remembered in a system property rather than a static field.
 */
final class DevPostgres {

    private static final String PORT_PROPERTY = "samples.dev.embedded-postgres.port";
    private static final Logger LOG = Logger.getLogger(DevPostgres.class);

    private DevPostgres() {
    }

    static synchronized int port() {
        String known = System.getProperty(PORT_PROPERTY);
        if (known != null) {
            return Integer.parseInt(known);
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    LOG.warn("Could not stop the embedded PostgreSQL", e);
                }
            }, "embedded-postgres-shutdown"));
            int port = postgres.getPort();
            System.setProperty(PORT_PROPERTY, Integer.toString(port));
            LOG.infof("Dev mode: embedded PostgreSQL started on port %d (data is discarded on exit)", port);
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for dev mode", e);
        }
    }
}
