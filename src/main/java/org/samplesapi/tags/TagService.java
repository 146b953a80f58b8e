package org.samplesapi.tags;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.policy.Caller;
import org.samplesapi.samples.SampleService;
import org.samplesapi.web.Refs;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/tags {name, sample}}: the caller's tag of that name (created if new) attached to a sample they
 * may modify, in one transaction with the sample row locked, as a PATCH of its tags would be.
 */
@ApplicationScoped
public class TagService {

    private final SampleService samples;
    private final TagRepository tags;

    public TagService(SampleService samples, TagRepository tags) {
        this.samples = samples;
        this.tags = tags;
    }

    @WithTransaction
    public Uni<TagView> createAndAttach(Caller caller, String name, String sampleId) {
        return samples.addTag(caller, sampleId, () -> tags.ownTag(caller, name))
                .map(tagId -> new TagView(Refs.uri("tags", tagId), name));
    }
}
