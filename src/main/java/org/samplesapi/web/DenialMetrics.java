package org.samplesapi.web;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.policy.DenialReason;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code samples_authorization_denials_total} by reason. Operators watch denials by rule: a spike of one reason is a
 * misconfigured client or a probe. Every not-found counts as one reason, whether the object is missing or hidden:
 * metrics anyone who reaches them can scrape must not tell the two apart.
 */
@ApplicationScoped
public class DenialMetrics {

    private final MeterRegistry metrics;

    public DenialMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public void refused(DenialReason reason) {
        count(reason.kind() == DenialReason.Kind.NOT_FOUND ? "not_found" : reason.name().toLowerCase(Locale.ROOT), 1);
    }

    public void notFound(int times) {
        count("not_found", times);
    }

    private void count(String reason, int times) {
        if (times > 0) {
            metrics.counter("samples.authorization.denials", "reason", reason).increment(times);
        }
    }
}
