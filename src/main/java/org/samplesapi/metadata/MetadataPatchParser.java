package org.samplesapi.metadata;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import org.samplesapi.web.ApiException;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.JsonBodies;
import org.samplesapi.web.query.QueryCompiler;

/**
 * Reads a metadata PATCH into column → value, with the hyper-schema's constraints: enums for library_type,
 * sample_type and platform, ranges for latitude and longitude, lengths, and {@code custom} as a flat object of
 * scalars. Read-only and unknown keys are errors, all of them listed.
 */
@ApplicationScoped
public class MetadataPatchParser {

    static final Set<String> LIBRARY_TYPES = Set.of("WGS", "Targeted/16S", "Other");
    static final Set<String> SAMPLE_TYPES = Set.of("Isolate", "Metagenomic", "Other");
    static final Set<String> PLATFORMS = Set.of("Illumina Genome Analyzer II", "Illumina HiSeq", "Illumina HiSeq 2000",
            "Illumina HiSeq 2500", "Illumina HiSeq 3000", "Illumina HiSeq 4000", "Illumina HiSeq X", "Illumina iSeq 100",
            "Illumina MiniSeq", "Illumina MiSeq", "Illumina NextSeq 500", "Illumina NextSeq 550", "Illumina NovaSeq 6000",
            "PacBio", "PacBio Sequel", "PacBio Sequel II System", "PacBio RS II", "Oxford Nanopore MinION",
            "Oxford Nanopore GridION X5", "Oxford Nanopore PromethION", "Ion GeneStudio S5", "Ion PGM", "Ion Proton",
            "Ion Torrent", "SOLiD", "454 sequencing", "Sanger", "Other");
    private static final Set<String> READ_ONLY = Set.of("$uri", "sample", "updated_at", "created_at");
    private static final int MAX_CUSTOM_KEYS = 100;

    private final JsonBodies bodies;

    public MetadataPatchParser(JsonBodies bodies) {
        this.bodies = bodies;
    }

    /** Column name → value ({@code custom} as JSON text); only the keys sent. */
    public Map<String, Object> parse(byte[] body) {
        return parse(bodies.object(body), List.of());
    }

    /** The same for an object nested in another body, errors reported under {@code path}. */
    public Map<String, Object> parse(JsonNode root, List<Object> path) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            switch (key) {
                case "name", "location_string" -> text(key, value, 255, errors).ifPresent(v -> changes.put(key, v.value));
                case "description" -> text(key, value, 100_000, errors).ifPresent(v -> changes.put(key, v.value));
                case "external_sample_id" -> text(key, value, 60, errors).ifPresent(v -> changes.put(key, v.value));
                case "library_type" -> oneOf(key, value, LIBRARY_TYPES, errors).ifPresent(v -> changes.put(key, v.value));
                case "sample_type" -> oneOf(key, value, SAMPLE_TYPES, errors).ifPresent(v -> changes.put(key, v.value));
                case "platform" -> oneOf(key, value, PLATFORMS, errors).ifPresent(v -> changes.put(key, v.value));
                case "location_lat" -> number(key, value, 90, errors).ifPresent(v -> changes.put(key, v.value));
                case "location_lon" -> number(key, value, 180, errors).ifPresent(v -> changes.put(key, v.value));
                case "date_collected", "date_sequenced" -> date(key, value, errors).ifPresent(v -> changes.put(key, v.value));
                case "starred" -> {
                    if (value.isBoolean()) {
                        changes.put(key, value.booleanValue());
                    } else {
                        errors.add(FieldError.at(key, "'starred' must be true or false"));
                    }
                }
                case "custom" -> custom(value, errors).ifPresent(v -> changes.put(key, v.value));
                default -> errors.add(FieldError.at(key, READ_ONLY.contains(key)
                        ? "'" + key + "' is read-only and cannot be changed"
                        : "'" + key + "' is not a field of metadata"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(path.isEmpty() ? errors : errors.stream().map(error -> {
                List<Object> nested = new ArrayList<>(path);
                nested.addAll(error.path());
                return new FieldError(nested, error.message());
            }).toList());
        }
        return changes;
    }

    /** A parsed value that may itself be null (a key sent as null clears the field). */
    private record Value(Object value) {
    }

    private static Optional<Value> text(String key, JsonNode value, int max, List<FieldError> errors) {
        if (value.isNull()) {
            return Optional.of(new Value(null));
        }
        if (!value.isTextual() || value.textValue().length() > max) {
            errors.add(FieldError.at(key, "'" + key + "' must be a string of at most " + max + " characters, or null"));
            return Optional.empty();
        }
        return Optional.of(new Value(value.textValue()));
    }

    private static Optional<Value> oneOf(String key, JsonNode value, Set<String> allowed,
                                                   List<FieldError> errors) {
        if (value.isNull()) {
            return Optional.of(new Value(null));
        }
        if (!value.isTextual() || !allowed.contains(value.textValue())) {
            errors.add(FieldError.at(key, "'" + key + "' must be one of " + allowed.stream().sorted().toList()
                    + ", or null"));
            return Optional.empty();
        }
        return Optional.of(new Value(value.textValue()));
    }

    private static Optional<Value> number(String key, JsonNode value, double bound, List<FieldError> errors) {
        if (value.isNull()) {
            return Optional.of(new Value(null));
        }
        if (!value.isNumber() || Math.abs(value.doubleValue()) > bound || Double.isNaN(value.doubleValue())) {
            errors.add(FieldError.at(key, "'" + key + "' must be a number from -" + (int) bound + " to " + (int) bound
                    + ", or null"));
            return Optional.empty();
        }
        return Optional.of(new Value(value.doubleValue()));
    }

    private static Optional<Value> date(String key, JsonNode value, List<FieldError> errors) {
        if (value.isNull()) {
            return Optional.of(new Value(null));
        }
        OffsetDateTime parsed = value.isTextual() ? QueryCompiler.parseTimestamp(value.textValue()) : null;
        if (parsed != null) {
            return Optional.of(new Value(parsed));
        }
        errors.add(FieldError.at(key, "'" + key + "' must be an RFC 3339 timestamp with offset, or null"));
        return Optional.empty();
    }

    private static Optional<Value> custom(JsonNode value, List<FieldError> errors) {
        if (!value.isObject()) {
            errors.add(FieldError.at("custom", "'custom' must be an object of scalar values"));
            return Optional.empty();
        }
        if (value.size() > MAX_CUSTOM_KEYS) {
            errors.add(FieldError.at("custom", "'custom' may have at most " + MAX_CUSTOM_KEYS + " keys"));
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isContainerNode()) {
                errors.add(new FieldError(List.of("custom", entry.getKey()),
                        "custom values must be strings, numbers, booleans or null"));
            }
        }
        return Optional.of(new Value(value.toString()));
    }
}
