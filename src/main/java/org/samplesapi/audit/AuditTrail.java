package org.samplesapi.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** The audit trail of samples: events are recorded in the caller's transaction, and read back in their order. */
@ApplicationScoped
public class AuditTrail {

    private final AuditEventRepository events;

    public AuditTrail(AuditEventRepository events) {
        this.events = events;
    }

    /** Persists the events in the current session; the transaction's flush writes them. */
    public Uni<Void> record(List<AuditEvent> recorded) {
        return recorded.isEmpty() ? Uni.createFrom().voidItem() : events.persist(recorded);
    }

    public Uni<List<AuditEvent>> ofSample(String sampleId) {
        return events.forSample(sampleId);
    }
}
