package org.samplesapi.samples;

import java.util.LinkedHashMap;
import java.util.Map;

import org.samplesapi.web.query.ListSource;
import org.samplesapi.web.query.QueryField;

/** Sample lists: the hyper-schema's filterable and sortable sample fields over the sample row's columns. */
final class SampleSearch {

    static final Map<String, QueryField> FIELDS = fields();

    /** Newest first, as One Codex lists samples when no sort is given. */
    static final ListSource SOURCE = new ListSource(Sample.LIST_COLUMNS, Sample.LIST_COLUMN_COUNT,
            "samples s LEFT JOIN metadata m ON m.sample_id = s.id", "s.id", FIELDS,
            "{\"created_at\": true}");

    private SampleSearch() {
    }

    private static Map<String, QueryField> fields() {
        Map<String, QueryField> fields = new LinkedHashMap<>();
        fields.put("$uri", QueryField.ref("$uri", "s.id", "samples", false));
        fields.put("created_at", QueryField.timestamp("created_at", "s.created_at", false));
        fields.put("filename", QueryField.text("filename", "s.filename", true));
        fields.put("metadata", QueryField.ref("metadata", "m.id", "metadata", true));
        fields.put("owner", QueryField.ref("owner", "s.owner_id", "users", false));
        fields.put("primary_classification",
                QueryField.ref("primary_classification", "s.primary_classification_id", "classifications", true));
        fields.put("project", QueryField.ref("project", "s.project_id", "projects", true));
        fields.put("size", QueryField.integer("size", "s.size", true));
        fields.put("visibility", QueryField.text("visibility", "s.visibility", false));
        fields.put("tags", QueryField.sampleTags("tags", "s.id"));
        return Map.copyOf(fields);
    }
}
