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
 * Reads and changes samples. A PATCH is one transaction: load the sample and its authorization context (locking
 * the sample row), decide with {@link SamplePolicy}, then write the change and its audit events, or nothing.
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
    public Uni<SampleRow> get(Caller caller, String sampleId) {
        return load(caller, sampleId, SampleChange.NONE, Lock.NONE)
                .invoke(loaded -> ApiException.require(SamplePolicy.decideRead(caller, loaded.context().sample())))
                .map(LoadedSample::row);
    }

    /** A page of samples the caller may read, filtered and counted in SQL. */
    @WithSession
    public Uni<ListPage<SampleRow>> list(ListSearch search) {
        return NativeQueries.search(search, SampleRow::read);
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
    public Uni<SampleRow> patch(Caller caller, String sampleId, SampleChange change, String ifMatch) {
        return load(caller, sampleId, change, lockFor(change))
                .chain(loaded -> {
                    ApiException.require(SamplePolicy.decidePatch(loaded.context(), change));
                    if (ifMatch != null && !ETags.matches(ifMatch, loaded.row().version())) {
                        throw ApiException.preconditionFailed();
                    }
                    return write(caller, loaded.row(), change);
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
                    SampleRow current = loaded.row();
                    Instant now = Timestamps.now();
                    return samples.markDeleted(current.id(), current.version() + 1, now)
                            .chain(() -> auditEvents.record(List.of(AuditEvent.of(current.id(), caller.userId(),
                                    "status", current.status().wireName(), SampleStatus.DELETED.wireName(), now))));
                });
    }

    /** Making a sample more visible must see policies that nobody can tighten before this transaction commits. */
    private static Lock lockFor(SampleChange change) {
        return change.visibility() != null && change.visibility() != Visibility.PRIVATE
                ? Lock.SAMPLE_AND_POLICIES
                : Lock.SAMPLE;
    }

    private Uni<SampleRow> write(Caller caller, SampleRow current, SampleChange change) {
        Visibility visibility = change.visibility() == null ? current.visibility() : change.visibility();
        String projectId = change.setsProject() ? change.projectId() : current.projectId();
        List<String> tagIds = change.tagIds() == null ? current.tagIds() : change.tagIds();
        boolean visibilityChanged = visibility != current.visibility();
        boolean projectChanged = !Objects.equals(projectId, current.projectId());
        boolean tagsChanged = !tagIds.equals(current.tagIds());
        if (!visibilityChanged && !projectChanged && !tagsChanged) {
            return Uni.createFrom().item(current);
        }
        Instant now = Timestamps.now();
        long version = current.version() + 1;
        List<AuditEvent> events = new ArrayList<>(2);
        if (visibilityChanged) {
            events.add(AuditEvent.of(current.id(), caller.userId(), "visibility", current.visibility().wireName(),
                    visibility.wireName(), now));
        }
        if (projectChanged) {
            events.add(AuditEvent.of(current.id(), caller.userId(), "project", current.projectId(), projectId, now));
        }
        SampleRow updated = current.withChange(visibility, projectId, tagIds, version, now);
        Uni<?> tagsWritten = tagsChanged
                ? samples.replaceTags(current.id(), tagIds)
                : Uni.createFrom().voidItem();
        return samples.applyChange(current.id(), visibility, projectId, version, now)
                .invoke(rows -> {
                    if (rows != 1) { // the row is locked by this transaction: anything else is a bug
                        throw new IllegalStateException("Sample " + current.id() + " vanished under its lock");
                    }
                })
                .chain(() -> tagsWritten)
                .chain(() -> auditEvents.record(events))
                .replaceWith(updated);
    }

    private Uni<LoadedSample> load(Caller caller, String sampleId, SampleChange change, Lock lock) {
        return samples.loadContext(caller, sampleId, change, lock)
                .onItem().ifNull().failWith(() -> ApiException.denied(SamplePolicy.sampleNotFound()));
    }
}
