package org.samplesapi.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AuditEventRepository implements PanacheRepositoryBase<AuditEvent, String> {

    /** Persists the events of one change; they are flushed with the transaction that made the change. */
    public Uni<Void> record(List<AuditEvent> events) {
        return events.isEmpty() ? Uni.createFrom().voidItem() : persist(events.stream());
    }

    public Uni<List<AuditEvent>> forSample(String sampleId) {
        return list("sampleId = ?1 order by seq", sampleId);
    }
}
