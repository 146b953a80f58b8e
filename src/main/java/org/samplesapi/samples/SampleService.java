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
import org.samplesapi.persistence.OneRow;
import org.samplesapi.persistence.PgStatements;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.SampleChange;
import org.samplesapi.policy.SamplePolicy;
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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Reads and changes samples. A PATCH is one transaction: load the sample and its authorization context (locking
 * the sample row), decide with {@link SamplePolicy}, then write the change and its audit events, or nothing.
 * <p>
 * Reading, changing and deleting one sample run on the reactive pool directly ({@link PgStatements} says why), in a
 * transaction of the pool's where they write; lists and preupload run on Hibernate Reactive.
 */
@ApplicationScoped
public class SampleService {

    private final Pool pool;
    private final SampleRepository samples;
    private final AuditEventRepository auditEvents;
    private final MetadataRepository metadata;
    private final TagRepository tags;

    public SampleService(Pool pool, SampleRepository samples, AuditEventRepository auditEvents,
                         MetadataRepository metadata, TagRepository tags) {
        this.pool = pool;
        this.samples = samples;
        this.auditEvents = auditEvents;
        this.metadata = metadata;
        this.tags = tags;
    }

    public Uni<SampleRow> get(Caller caller, String sampleId) {
        return load(pool, caller, sampleId, SampleChange.NONE, Lock.NONE)
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
        return load(pool, caller, sampleId, SampleChange.NONE, Lock.NONE)
                .invoke(loaded -> ApiException.require(SamplePolicy.decideAuditRead(caller, loaded.context().sample())))
                .chain(loaded -> auditEvents.forSample(sampleId));
    }

    /**
     * Applies a change if every check passes. {@code ifMatch} (optional) must match the sample's current ETag.
     * Keys whose value equals the current one are not changes: they are neither written nor audited.
     */
    public Uni<SampleRow> patch(Caller caller, String sampleId, SampleChange change, String ifMatch) {
        return pool.withTransaction(transaction -> load(transaction, caller, sampleId, change, lockFor(change))
                .chain(loaded -> {
                    ApiException.require(SamplePolicy.decidePatch(loaded.context(), change));
                    if (ifMatch != null && !ETags.matches(ifMatch, loaded.row().version())) {
                        throw ApiException.preconditionFailed();
                    }
                    return write(transaction, caller, loaded.row(), change);
                }));
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
    public Uni<Void> delete(Caller caller, String sampleId) {
        return pool.withTransaction(transaction -> load(transaction, caller, sampleId, SampleChange.NONE, Lock.SAMPLE)
                .chain(loaded -> {
                    ApiException.require(SamplePolicy.decideModify(caller, loaded.context().sample()));
                    return samples.markDeleted(transaction, loaded.row(), caller.userId(), Timestamps.now());
                }));
    }

    /** Making a sample more visible must see policies that nobody can tighten before this transaction commits. */
    private static Lock lockFor(SampleChange change) {
        return change.visibility() != null && change.visibility() != Visibility.PRIVATE
                ? Lock.SAMPLE_AND_POLICIES
                : Lock.SAMPLE;
    }

    private Uni<SampleRow> write(SqlConnection transaction, Caller caller, SampleRow current, SampleChange change) {
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
        List<AuditEvent> events = new ArrayList<>(2);
        if (visibilityChanged) {
            events.add(AuditEvent.of(current.id(), caller.userId(), "visibility", current.visibility().wireName(),
                    visibility.wireName(), now));
        }
        if (projectChanged) {
            events.add(AuditEvent.of(current.id(), caller.userId(), "project", current.projectId(), projectId, now));
        }
        SampleRow updated = current.withChange(visibility, projectId, tagIds, current.version() + 1, now);
        return samples.writeChange(transaction, updated, tagsChanged ? tagIds : null, events)
                .replaceWith(updated);
    }

    private Uni<LoadedSample> load(SqlClient client, Caller caller, String sampleId, SampleChange change, Lock lock) {
        return samples.loadContext(OneRow.on(client), caller, sampleId, change, lock)
                .onItem().ifNull().failWith(() -> ApiException.denied(SamplePolicy.sampleNotFound()));
    }
}
