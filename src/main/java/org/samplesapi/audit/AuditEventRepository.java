package org.samplesapi.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AuditEventRepository implements PanacheRepositoryBase<AuditEvent, String> {

    public Uni<List<AuditEvent>> forSample(String sampleId) {
        return list("sampleId = ?1 order by seq", sampleId);
    }
}
