package org.samplesapi.tags;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.policy.Caller;
import org.samplesapi.policy.SampleChange;
import org.samplesapi.policy.SamplePolicy;
import org.samplesapi.samples.PatchLimits;
import org.samplesapi.samples.Sample;
import org.samplesapi.samples.SampleRepository;
import org.samplesapi.samples.SampleRepository.Lock;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.Refs;
import org.samplesapi.web.Timestamps;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/tags {name, sample}}: the caller's tag of that name (created if new) attached to a sample they
 * may modify, in one transaction with the sample row locked, as a PATCH of its tags would be.
 */
@ApplicationScoped
public class TagService {

    private final SampleRepository samples;
    private final TagRepository tags;
    private final PatchLimits limits;

    public TagService(SampleRepository samples, TagRepository tags, PatchLimits limits) {
        this.samples = samples;
        this.tags = tags;
        this.limits = limits;
    }

    @WithTransaction
    public Uni<TagView> createAndAttach(Caller caller, String name, String sampleId) {
        return samples.loadContext(caller, sampleId, SampleChange.NONE, Lock.SAMPLE)
                .onItem().ifNull().failWith(() -> ApiException.denied(SamplePolicy.sampleNotFound()))
                .chain(loaded -> {
                    ApiException.require(SamplePolicy.decideModify(caller, loaded.context().sample()));
                    Sample sample = loaded.sample();
                    return tags.ownTag(caller, name).chain(tagId -> {
                        if (sample.tagIds.contains(tagId)) {
                            return Uni.createFrom().item(tagId);
                        }
                        if (sample.tagIds.size() >= limits.maxTags()) {
                            throw ApiException.badRequest(List.of(FieldError.at("sample",
                                    "a sample may carry at most " + limits.maxTags() + " tags")));
                        }
                        sample.updatedAt = Timestamps.now(); // a new tag is a new version of the sample
                        return tags.attach(sampleId, tagId).chain(() -> samples.flush()).replaceWith(tagId);
                    });
                })
                .map(tagId -> new TagView(Refs.uri("tags", tagId), name));
    }
}
