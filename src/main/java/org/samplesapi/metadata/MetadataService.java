package org.samplesapi.metadata;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.policy.Caller;
import org.samplesapi.policy.MetadataPolicy;
import org.samplesapi.web.ApiException;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Edits a metadata record in one transaction: load its context, decide, write (which locks the record until the
 * commit, so concurrent edits of it serialize), read back. Only an allowed edit ever waits for the record's lock.
 */
@ApplicationScoped
public class MetadataService {

    private final MetadataRepository metadata;

    public MetadataService(MetadataRepository metadata) {
        this.metadata = metadata;
    }

    @WithTransaction
    public Uni<MetadataView> edit(Caller caller, String metadataId, Map<String, Object> changes) {
        return metadata.loadForEdit(caller, metadataId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Metadata"))
                .chain(context -> {
                    ApiException.require(MetadataPolicy.decideEdit(caller, context.sample(), context.canEditMetadata()));
                    Uni<Integer> written = changes.isEmpty() ? Uni.createFrom().item(0)
                            : metadata.update(metadataId, changes);
                    return written.chain(() -> metadata.visibleTo(caller, metadataId));
                });
    }

    /**
     * Fills in the record of a sample the caller is creating (preupload), in the caller's transaction: nobody else
     * can see it yet, so there is nothing to decide.
     */
    public Uni<Void> describe(String metadataId, Map<String, Object> fields) {
        return metadata.update(metadataId, fields).replaceWithVoid();
    }
}
