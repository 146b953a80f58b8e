package org.samplesapi.tracing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;

/**
 * Takes what could identify a caller out of every span, as it starts and again as it ends (instrumentation may add the
 * peer's address only then): the client's address (personal data under GDPR) and the query string, where a list's
 * {@code where} may name an e-mail address. The route, status and timings stay. Ending needs the SDK's
 * {@code ExtendedSpanProcessor}, the only hook that may still change a span's attributes as it ends.
 */
@ApplicationScoped
public class PersonalDataRedaction implements ExtendedSpanProcessor {

    static final String REDACTED = "redacted";
    private static final List<AttributeKey<String>> REDACTED_KEYS = List.of(AttributeKey.stringKey("client.address"),
            AttributeKey.stringKey("network.peer.address"), AttributeKey.stringKey("url.query"));
    private static final AttributeKey<String> FULL_URL = AttributeKey.stringKey("url.full");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        redact(span);
    }

    @Override
    public void onEnding(ReadWriteSpan span) {
        redact(span);
    }

    @Override
    public boolean isOnEndingRequired() {
        return true;
    }

    private static void redact(ReadWriteSpan span) {
        for (AttributeKey<String> key : REDACTED_KEYS) {
            if (span.getAttribute(key) != null) {
                span.setAttribute(key, REDACTED);
            }
        }
        String url = span.getAttribute(FULL_URL);
        if (url != null && url.contains("?")) {
            span.setAttribute(FULL_URL, url.substring(0, url.indexOf('?')));
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
