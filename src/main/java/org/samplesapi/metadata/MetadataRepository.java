package org.samplesapi.metadata;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.samplesapi.persistence.Columns;
import org.samplesapi.persistence.NativeQueries;
import org.samplesapi.policy.Caller;
import org.samplesapi.samples.SampleScope;
import org.samplesapi.web.Ref;
import org.samplesapi.web.Refs;
import org.samplesapi.web.Timestamps;
import org.samplesapi.web.query.QueryCompiler;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Metadata records: readable exactly when their sample is. */
@ApplicationScoped
public class MetadataRepository {

    private final ObjectMapper json;

    public MetadataRepository(ObjectMapper json) {
        this.json = json;
    }

    @WithSession
    public Uni<MetadataView> visibleTo(Caller caller, String metadataId) {
        QueryCompiler binder = new QueryCompiler(Map.of());
        String sql = "SELECT m.id, m.custom::text, m.date_collected, m.date_sequenced, m.description,"
                + " m.external_sample_id, m.library_type, m.location_lat, m.location_lon, m.location_string, m.name,"
                + " m.platform, m.sample_id, m.sample_type, m.starred, m.updated_at"
                + " FROM metadata m JOIN samples s ON s.id = m.sample_id JOIN users ow ON ow.id = s.owner_id"
                + " WHERE m.id = " + binder.bind(metadataId) + " AND " + SampleScope.READABLE.filter(caller, binder);
        return NativeQueries.one(sql, binder.params()).map(row -> row == null ? null : view(new Columns(row)));
    }

    private MetadataView view(Columns c) {
        try {
            return new MetadataView(Refs.uri("metadata", c.string()), json.readTree(c.string()),
                    Timestamps.format(c.instant()), Timestamps.format(c.instant()), c.string(), c.string(),
                    c.string(), c.doubleValue(), c.doubleValue(), c.string(), c.string(), c.string(),
                    Ref.to("samples", c.string()), c.string(), c.bool(), Timestamps.format(c.instant()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata.custom is not JSON", e);
        }
    }
}
