package org.samplesapi.tags;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.OneRow;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.SampleChange;
import org.samplesapi.policy.SamplePolicy;
import org.samplesapi.samples.PatchLimits;
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
        return samples.loadContext(OneRow.onSession(), caller, sampleId, SampleChange.NONE, Lock.SAMPLE)
                .onItem().ifNull().failWith(() -> ApiException.denied(SamplePolicy.sampleNotFound()))
                .chain(loaded -> {
                    ApiException.require(SamplePolicy.decideModify(caller, loaded.context().sample()));
                    return tags.ownTag(caller, name).chain(tagId -> {
                        if (loaded.row().tagIds().contains(tagId)) {
                            return Uni.createFrom().item(tagId);
                        }
                        if (loaded.row().tagIds().size() >= limits.maxTags()) {
                            throw ApiException.badRequest(List.of(FieldError.at("sample",
                                    "a sample may carry at most " + limits.maxTags() + " tags")));
                        }
                        return tags.attach(sampleId, tagId)
                                .chain(() -> samples.applyChange(sampleId, loaded.row().visibility(),
                                        loaded.row().projectId(), loaded.row().version() + 1, Timestamps.now()))
                                .replaceWith(tagId);
                    });
                })
                .map(tagId -> new TagView(Refs.uri("tags", tagId), name));
    }
}
