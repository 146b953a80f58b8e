package org.samplesapi.samples;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.audit.AuditEvent;
import org.samplesapi.audit.AuditEventRepository;
import org.samplesapi.metadata.MetadataRepository;
import org.samplesapi.persistence.Ids;
import org.samplesapi.persistence.NativeQueries;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.SampleChange;
import org.samplesapi.policy.SamplePolicy;
import org.samplesapi.policy.SampleStatus;
import org.samplesapi.policy.Visibility;
import org.samplesapi.tags.TagRepository;
import org.samplesapi.samples.SampleRepository.Lock;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.ETags;
import org.samplesapi.web.Timestamps;
import org.samplesapi.web.query.ListPage;
import org.samplesapi.web.query.ListSearch;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Reads and changes samples. A PATCH is one transaction of the request's Hibernate Reactive session: load the sample
 * entity and its authorization context in one statement (locking the sample row), decide with {@link SamplePolicy},
 * then change the managed entity and persist the audit events, which the flush writes; or write nothing.
 */
@ApplicationScoped
public class SampleService {

    private final SampleRepository samples;
    private final AuditEventRepository auditEvents;
    private final MetadataRepository metadata;
    private final TagRepository tags;

    public SampleService(SampleRepository samples, AuditEventRepository auditEvents, MetadataRepository metadata,
                         TagRepository tags) {
        this.samples = samples;
        this.auditEvents = auditEvents;
        this.metadata = metadata;
        this.tags = tags;
    }

    @WithSession
    public Uni<Sample> get(Caller caller, String sampleId) {
        return load(caller, sampleId, SampleChange.NONE, Lock.NONE)
                .invoke(loaded -> ApiException.require(SamplePolicy.decideRead(caller, loaded.context().sample())))
                .map(LoadedSample::sample);
    }

    /** A page of samples the caller may read, filtered and counted in SQL. */
    @WithSession
    public Uni<ListPage<Sample>> list(ListSearch search) {
        return NativeQueries.search(search, Sample::read);
    }

    @WithSession
    public Uni<List<AuditEvent>> auditTrail(Caller caller, String sampleId) {
        return load(caller, sampleId, SampleChange.NONE, Lock.NONE)
                .invoke(loaded -> ApiException.require(SamplePolicy.decideAuditRead(caller, loaded.context().sample())))
                .chain(loaded -> auditEvents.forSample(sampleId));
    }

    /**
     * Applies a change if every check passes. {@code ifMatch} (optional) must match the sample's current ETag.
     * Keys whose value equals the current one are not changes: they are neither written nor audited.
     */
    @WithTransaction
    public Uni<Sample> patch(Caller caller, String sampleId, SampleChange change, String ifMatch) {
        return load(caller, sampleId, change, lockFor(change))
                .chain(loaded -> {
                    ApiException.require(SamplePolicy.decidePatch(loaded.context(), change));
                    if (ifMatch != null && !ETags.matches(ifMatch, loaded.sample().version)) {
                        throw ApiException.preconditionFailed();
                    }
                    return apply(caller, loaded.sample(), change);
                });
    }

    /**
     * Preupload: a new private sample awaiting its data, owned by the caller, with optional metadata, project (under
     * the same rule as a PATCH: can_add_files there) and tags (the caller's own of those names, created if new).
     */
    @WithTransaction
    public Uni<String> preupload(Caller caller, String projectId, List<String> tagNames,
                                 Map<String, Object> metadataFields) {
        String sampleId = Ids.newId();
        String metadataId = Ids.newId();
        SampleChange change = new SampleChange(null, projectId != null, projectId, null);
        return samples.loadNewSampleContext(caller, change)
                .invoke(context -> ApiException.require(SamplePolicy.decidePatch(context, change)))
                .chain(() -> ownTags(caller, tagNames))
                .chain(tagIds -> samples.insertAwaitingData(caller, sampleId, metadataId, projectId, tagIds,
                        Timestamps.now()))
                .chain(() -> metadataFields.isEmpty() ? Uni.createFrom().voidItem()
                        : metadata.update(metadataId, metadataFields).replaceWithVoid())
                .replaceWith(sampleId);
    }

    /** The caller's tags of these names, created where new: one statement each, one after the other. */
    private Uni<List<String>> ownTags(Caller caller, List<String> names) {
        Uni<List<String>> ids = Uni.createFrom().item(new ArrayList<>());
        for (String name : names) {
            ids = ids.chain(collected -> tags.ownTag(caller, name).map(id -> {
                collected.add(id);
                return collected;
            }));
        }
        return ids;
    }

    /** Soft delete: the sample becomes {@code deleted} (gone for every reader), audited like a sharing change. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, String sampleId) {
        return load(caller, sampleId, SampleChange.NONE, Lock.SAMPLE)
                .chain(loaded -> {
                    ApiException.require(SamplePolicy.decideModify(caller, loaded.context().sample()));
                    Sample sample = loaded.sample();
                    Instant now = Timestamps.now();
                    AuditEvent event = AuditEvent.of(sample.id, caller.userId(), "status", sample.status.wireName(),
                            SampleStatus.DELETED.wireName(), now);
                    sample.status = SampleStatus.DELETED;
                    sample.updatedAt = now;
                    return auditEvents.persist(event).chain(() -> auditEvents.flush());
                });
    }

    /** Making a sample more visible must see policies that nobody can tighten before this transaction commits. */
    private static Lock lockFor(SampleChange change) {
        return change.visibility() != null && change.visibility() != Visibility.PRIVATE
                ? Lock.SAMPLE_AND_POLICIES
                : Lock.SAMPLE;
    }

    /** Changes the managed sample and records each changed field; the flush writes both, with a new version. */
    private Uni<Sample> apply(Caller caller, Sample sample, SampleChange change) {
        Visibility visibility = change.visibility() == null ? sample.visibility : change.visibility();
        String projectId = change.setsProject() ? change.projectId() : sample.projectId;
        List<String> tagIds = change.tagIds() == null ? sample.tagIds : change.tagIds();
        boolean visibilityChanged = visibility != sample.visibility;
        boolean projectChanged = !Objects.equals(projectId, sample.projectId);
        boolean tagsChanged = !tagIds.equals(sample.tagIds);
        if (!visibilityChanged && !projectChanged && !tagsChanged) {
            return Uni.createFrom().item(sample);
        }
        Instant now = Timestamps.now();
        List<AuditEvent> events = new ArrayList<>(2);
        if (visibilityChanged) {
            events.add(AuditEvent.of(sample.id, caller.userId(), "visibility", sample.visibility.wireName(),
                    visibility.wireName(), now));
        }
        if (projectChanged) {
            events.add(AuditEvent.of(sample.id, caller.userId(), "project", sample.projectId, projectId, now));
        }
        sample.visibility = visibility;
        sample.projectId = projectId;
        sample.updatedAt = now; // also what makes a change of tags alone a new version
        Uni<Void> tagWrite = tagsChanged ? samples.replaceTags(sample.id, tagIds) : Uni.createFrom().voidItem();
        sample.tagIds = List.copyOf(tagIds);
        return tagWrite
                .chain(() -> events.isEmpty() ? Uni.createFrom().voidItem() : auditEvents.persist(events))
                .chain(() -> auditEvents.flush())
                .replaceWith(sample);
    }

    private Uni<LoadedSample> load(Caller caller, String sampleId, SampleChange change, Lock lock) {
        return samples.loadContext(caller, sampleId, change, lock)
                .onItem().ifNull().failWith(() -> ApiException.denied(SamplePolicy.sampleNotFound()));
    }
}
