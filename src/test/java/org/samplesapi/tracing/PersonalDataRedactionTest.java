package org.samplesapi.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** The caller's address is redacted whenever instrumentation sets it: as the span starts, or just before it ends. */
class PersonalDataRedactionTest {

    @Test
    void anAddressSetAfterTheStartIsRedactedAsTheSpanEnds() {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        try (SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(new PersonalDataRedaction())
                .addSpanProcessor(SimpleSpanProcessor.create(exported)).build()) {
            Span span = tracing.get("test").spanBuilder("GET /api/v1/account").setSpanKind(SpanKind.SERVER)
                    .setAttribute("client.address", "192.0.2.7").setAttribute("url.full", "http://h/x?where=a@b.c")
                    .startSpan();
            span.setAttribute("network.peer.address", "192.0.2.7");
            span.setAttribute("url.query", "where=a@b.c");
            span.end();

            SpanData ended = exported.getFinishedSpanItems().get(0);
            assertEquals("redacted", ended.getAttributes().asMap().get(
                    AttributeKey.stringKey("client.address")));
            assertEquals("redacted", ended.getAttributes().asMap().get(
                    AttributeKey.stringKey("network.peer.address")));
            assertEquals("redacted", ended.getAttributes().asMap().get(
                    AttributeKey.stringKey("url.query")));
            assertEquals("http://h/x", ended.getAttributes().asMap().get(
                    AttributeKey.stringKey("url.full")));
        }
    }
}
