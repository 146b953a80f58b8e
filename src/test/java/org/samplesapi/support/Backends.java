package org.samplesapi.support;

import java.io.IOException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** What a packaged service needs to start: its own PostgreSQL and a local issuer whose keys it can fetch. */
public final class Backends implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final LocalIssuer issuer;

    private Backends(EmbeddedPostgres postgres, LocalIssuer issuer) {
        this.postgres = postgres;
        this.issuer = issuer;
    }

    public static Backends start() throws IOException {
        return start(EmbeddedPostgres.builder());
    }

    public static Backends start(EmbeddedPostgres.Builder database) throws IOException {
        EmbeddedPostgres postgres = database.start();
        try {
            return new Backends(postgres, LocalIssuer.start(true));
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    /** A fresh, changeable copy of the settings that connect a service to these backends. */
    public Map<String, String> settings() {
        return PackagedApp.settings(postgres.getPort(), issuer.url());
    }

    @Override
    public void close() throws IOException {
        issuer.close();
        postgres.close();
    }
}
