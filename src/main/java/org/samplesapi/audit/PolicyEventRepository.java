package org.samplesapi.audit;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PolicyEventRepository implements PanacheRepositoryBase<PolicyEvent, String> {

    public Uni<List<PolicyEvent>> forOrganization(String organizationId) {
        return list("organizationId = ?1 order by seq", organizationId);
    }

    public Uni<List<PolicyEvent>> forAccount(String accountId) {
        return list("accountId = ?1 order by seq", accountId);
    }

    public Uni<List<PolicyEvent>> byIds(Collection<String> ids) {
        return list("id in ?1", ids);
    }
}
