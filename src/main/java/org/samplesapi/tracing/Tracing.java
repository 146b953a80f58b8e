package org.samplesapi.tracing;

import java.util.Optional;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * Every request has a trace (the trace and span ids are in every log line, and a caller's W3C traceparent is
 * continued), and its spans are recorded and exported only where an OTLP collector is configured
 * ({@code SAMPLES_OTEL_ENDPOINT}, which becomes Quarkus's OTLP endpoint; Quarkus's own setting always has a value, its
 * default, so it cannot tell).
 * Without one, this exporter, which drops every span, stands in for Quarkus's OTLP exporter, which would otherwise
 * try localhost and log each failure. Quarkus looks exporters up by type only, so the bean must not be removed as
 * unused.
 */
public class Tracing {

    private static final SpanExporter DROPPED = SpanExporter.composite();

    @Produces
    @Singleton
    @Unremovable
    @LookupIfProperty(name = "samples.otel.endpoint", stringValue = "none", lookupIfMissing = true)
    SpanExporter withoutCollector() {
        return DROPPED;
    }

    /**
     * Spans that only the dropping exporter would receive are not recorded at all: their ids still propagate and
     * reach the logs, but no attributes are kept, no span is ended and handed on. Quarkus takes a sampler bean
     * instead of the one its configuration names.
     */
    @Produces
    @Singleton
    Sampler sampler(@ConfigProperty(name = "samples.otel.endpoint") Optional<String> collector,
                    @Any Instance<SpanExporter> exporters) {
        boolean kept = collector.isPresent() || exporters.stream().anyMatch(exporter -> exporter != DROPPED);
        return kept ? Sampler.parentBased(Sampler.alwaysOn()) : Sampler.alwaysOff();
    }
}
