package org.samplesapi.tracing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Takes what could identify a caller out of every span as it starts: the client's address (personal data under
 * GDPR) and the query string, where a list's {@code where} may name an e-mail address. The route, status and
 * timings stay.
 */
@ApplicationScoped
public class PersonalDataRedaction implements SpanProcessor {

    static final String REDACTED = "redacted";
    private static final List<AttributeKey<String>> KEYS = List.of(AttributeKey.stringKey("client.address"),
            AttributeKey.stringKey("network.peer.address"), AttributeKey.stringKey("url.query"),
            AttributeKey.stringKey("url.full"));

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        for (AttributeKey<String> key : KEYS) {
            String value = span.getAttribute(key);
            if (value != null && (!key.getKey().equals("url.full") || value.contains("?"))) {
                span.setAttribute(key, key.getKey().equals("url.full") ? value.substring(0, value.indexOf('?'))
                        : REDACTED);
            }
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
