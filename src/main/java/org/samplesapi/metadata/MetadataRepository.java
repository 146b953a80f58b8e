package org.samplesapi.metadata;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.samplesapi.persistence.Columns;
import org.samplesapi.persistence.SqlParams;
import org.samplesapi.persistence.NativeQueries;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.SampleFacts;
import org.samplesapi.policy.SampleStatus;
import org.samplesapi.policy.Visibility;
import org.samplesapi.persistence.SampleScope;
import org.samplesapi.web.Ref;
import org.samplesapi.web.Refs;
import org.samplesapi.web.Timestamps;
import org.samplesapi.web.query.ListSource;
import org.samplesapi.web.query.QueryField;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Metadata records: readable exactly when their sample is. */
@ApplicationScoped
public class MetadataRepository {

    private final ObjectMapper json;

    public MetadataRepository(ObjectMapper json) {
        this.json = json;
    }

    private static final String COLUMNS = "m.id, m.custom::text, m.date_collected, m.date_sequenced, m.description,"
            + " m.external_sample_id, m.library_type, m.location_lat, m.location_lon, m.location_string, m.name,"
            + " m.platform, m.sample_id, m.sample_type, m.starred, m.updated_at";
    private static final String FROM =
            "metadata m JOIN samples s ON s.id = m.sample_id JOIN users ow ON ow.id = s.owner_id";

    /** The hyper-schema's filterable and sortable metadata fields; listed by sample, newest first. */
    static final ListSource SOURCE = new ListSource(COLUMNS, 16, FROM, "m.id", fields(), "{\"$uri\": false}");

    private static Map<String, QueryField> fields() {
        Map<String, QueryField> fields = new LinkedHashMap<>();
        fields.put("$uri", QueryField.ref("$uri", "m.id", "metadata", false));
        fields.put("sample", QueryField.ref("sample", "m.sample_id", "samples", false));
        fields.put("date_collected", QueryField.timestamp("date_collected", "m.date_collected", true));
        fields.put("date_sequenced", QueryField.timestamp("date_sequenced", "m.date_sequenced", true));
        for (String text : List.of("description", "external_sample_id", "library_type", "location_string", "name",
                "platform", "sample_type")) {
            fields.put(text, QueryField.text(text, "m." + text, true));
        }
        fields.put("location_lat", QueryField.number("location_lat", "m.location_lat", true));
        fields.put("location_lon", QueryField.number("location_lon", "m.location_lon", true));
        fields.put("starred", QueryField.bool("starred", "m.starred", false));
        return Map.copyOf(fields);
    }

    @WithSession
    public Uni<MetadataView> visibleTo(Caller caller, String metadataId) {
        SqlParams binder = new SqlParams();
        String sql = "SELECT " + COLUMNS + " FROM " + FROM + " WHERE m.id = " + binder.bind(metadataId) + " AND "
                + SampleScope.READABLE.filter(caller, binder::bind);
        return NativeQueries.one(sql, binder.params()).map(row -> row == null ? null : view(new Columns(row)));
    }

    /**
     * What deciding an edit needs, read without locks (someone who may not edit the record must never wait for it):
     * the sample's facts (its project counts for reading only with can_see_files, as on every read route:
     * {@link SampleScope}) and whether the caller holds can_edit_metadata on the sample's project (its owner holds
     * every permission). {@code null}: no such record.
     */
    public Uni<EditContext> loadForEdit(Caller caller, String metadataId) {
        SqlParams binder = new SqlParams();
        String me = binder.bind(caller.userId());
        String sql = "SELECT s.owner_id, ow.organization_id, s.visibility, s.status, s.project_id,"
                + " (sp.owner_id = " + me + " OR 'can_see_files' = ANY (spm.permissions)),"
                + " (sp.owner_id = " + me + " OR 'can_edit_metadata' = ANY (spm.permissions))"
                + " FROM " + FROM + " LEFT JOIN projects sp ON sp.id = s.project_id"
                + " LEFT JOIN project_members spm ON spm.project_id = s.project_id AND spm.user_id = " + me
                + " WHERE m.id = " + binder.bind(metadataId);
        return NativeQueries.one(sql, binder.params()).map(row -> {
            if (row == null) {
                return null;
            }
            Columns c = new Columns(row);
            String ownerId = c.string();
            String ownerOrg = c.string();
            Visibility visibility = c.visibility();
            SampleStatus status = c.status();
            String projectId = c.string();
            boolean inProject = c.bool();
            boolean canEdit = c.bool();
            return new EditContext(new SampleFacts(ownerId, ownerOrg, visibility, status, projectId, inProject),
                    canEdit);
        });
    }

    /** @param sample the record's sample, as the rules see it; @param canEditMetadata on the sample's project */
    public record EditContext(SampleFacts sample, boolean canEditMetadata) {
    }

    /** Writes the given columns (whitelisted by the parser) and the update time. */
    public Uni<Integer> update(String metadataId, Map<String, Object> changes) {
        SqlParams binder = new SqlParams();
        List<String> sets = new ArrayList<>();
        // custom goes through text: a parameter typed jsonb would make the driver encode the Java string as a JSON
        // string rather than parse it.
        changes.forEach((column, value) -> sets.add(column + " = "
                + (column.equals("custom") ? "CAST(CAST(" + binder.bind(value) + " AS text) AS jsonb)" : binder.bind(value))));
        sets.add("updated_at = " + binder.bind(Timestamps.now().atOffset(ZoneOffset.UTC)));
        String sql = "UPDATE metadata SET " + String.join(", ", sets) + " WHERE id = " + binder.bind(metadataId);
        return NativeQueries.execute(sql, binder.params());
    }

    MetadataView view(Columns c) {
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
