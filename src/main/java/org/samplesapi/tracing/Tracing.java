package org.samplesapi.tracing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * Traces are recorded always (the trace and span ids are in every log line, and a caller's W3C traceparent is
 * continued), and exported only where an OTLP collector is configured ({@code SAMPLES_OTEL_ENDPOINT}, which becomes
 * Quarkus's OTLP endpoint; Quarkus's own setting always has a value, its default, so it cannot tell).
 * Without one, this exporter, which drops every span, stands in for Quarkus's OTLP exporter, which would otherwise
 * try localhost and log each failure. Quarkus looks exporters up by type only, so the bean must not be removed as
 * unused.
 */
public class Tracing {

    @Produces
    @Singleton
    @Unremovable
    @LookupIfProperty(name = "samples.otel.endpoint", stringValue = "none", lookupIfMissing = true)
    SpanExporter withoutCollector() {
        return SpanExporter.composite();
    }
}
