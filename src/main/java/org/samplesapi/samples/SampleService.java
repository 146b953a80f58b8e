package org.samplesapi.samples;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.audit.AuditEvent;
import org.samplesapi.audit.AuditTrail;
import org.samplesapi.metadata.MetadataService;
import org.samplesapi.persistence.Ids;
import org.samplesapi.policy.BulkPolicy;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.PolicyHolder;
import org.samplesapi.policy.SampleChange;
import org.samplesapi.policy.SamplePermissions;
import org.samplesapi.policy.SamplePolicy;
import org.samplesapi.policy.SampleStatus;
import org.samplesapi.policy.Visibility;
import org.samplesapi.samples.SampleRepository.Lock;
import org.samplesapi.web.ApiException;
import org.samplesapi.web.ETags;
import org.samplesapi.web.FieldError;
import org.samplesapi.web.Timestamps;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Reads and changes samples. A PATCH is one transaction of the request's Hibernate Reactive session: load the sample
 * entity and its authorization context in one statement (locking the sample row, if the caller may modify it at all),
 * decide with {@link SamplePolicy}, then change the managed entity and persist the audit events, which the flush
 * writes; or write nothing.
 */
@ApplicationScoped
public class SampleService {

    private final SampleRepository samples;
    private final AuditTrail auditTrail;
    private final MetadataService metadata;
    private final PatchLimits limits;

    public SampleService(SampleRepository samples, AuditTrail auditTrail, MetadataService metadata,
                         PatchLimits limits) {
        this.samples = samples;
        this.auditTrail = auditTrail;
        this.metadata = metadata;
        this.limits = limits;
    }

    @WithSession
    public Uni<Sample> get(Caller caller, String sampleId) {
        return readable(caller, sampleId).map(LoadedSample::sample);
    }

    /** What the caller may do with a sample they can read (a hidden one is not found, as for GET). */
    @WithSession
    public Uni<SamplePermissions> permissions(Caller caller, String sampleId) {
        return readable(caller, sampleId).map(loaded -> SamplePermissions.of(loaded.context()));
    }

    @WithSession
    public Uni<List<AuditEvent>> auditTrail(Caller caller, String sampleId) {
        return load(caller, sampleId, SampleChange.NONE, Lock.NONE)
                .invoke(loaded -> ApiException.require(SamplePolicy.decideAuditRead(caller, loaded.context().sample())))
                .chain(loaded -> auditTrail.ofSample(sampleId));
    }

    /**
     * Applies a change if every check passes. {@code ifMatch} (optional) must match the sample's current ETag.
     * Keys whose value equals the current one are not changes: they are neither written nor audited. A dry run takes
     * the same locks, makes the same checks in the same order and writes the same statements, then rolls the
     * transaction back: its answer is the real one's, and nothing stays.
     */
    @WithTransaction
    public Uni<Sample> patch(Caller caller, String sampleId, SampleChange change, String ifMatch, boolean dryRun) {
        return loadToChange(caller, sampleId, change, lockFor(change))
                .chain(loaded -> {
                    ApiException.require(SamplePolicy.decidePatch(loaded.context(), change));
                    if (ifMatch != null && !ETags.matches(ifMatch, loaded.sample().version)) {
                        throw ApiException.preconditionFailed();
                    }
                    return apply(caller, loaded.sample(), change);
                })
                .call(sample -> dryRun ? Panache.currentTransaction().invoke(Mutiny.Transaction::markForRollback)
                        : Uni.createFrom().voidItem());
    }

    /**
     * A bulk change, in one transaction: the samples named (or those the caller may read that match {@code where}),
     * each decided as a PATCH of it would be, then the allowed ones written by set-based statements, each with a new
     * version and its audit events under the request's id; a number of statements that does not grow with the number
     * of samples. The contexts are read once without locks; only the samples the caller may change are then locked,
     * in id order, and decided on what the locks hold, so that a bulk change never holds other people's rows. Samples
     * already as asked are left alone, as a PATCH leaves them. A dry run, or an outcome that does not apply, writes
     * nothing.
     */
    @WithTransaction
    public Uni<BulkResult> bulkUpdate(Caller caller, BulkUpdate request, boolean dryRun) {
        SampleChange change = request.change();
        Uni<List<String>> selected = request.ids() != null ? Uni.createFrom().item(request.ids())
                : samples.readableMatching(caller, request.where(), BulkUpdate.MAX_SAMPLES);
        return selected.chain(ids -> {
            if (ids.size() > BulkUpdate.MAX_SAMPLES) {
                throw ApiException.badRequest(List.of(FieldError.at("where", "'where' matches more than "
                        + BulkUpdate.MAX_SAMPLES + " samples; a bulk change takes at most that many")));
            }
            return samples.loadContexts(caller, ids, change, Lock.NONE, true)
                    .chain(seen -> lockTheModifiable(caller, seen, change))
                    .chain(loaded -> decideAndWrite(caller, request, ids.size(), loaded, dryRun));
        });
    }

    /** Decides each sample as a PATCH, then writes the allowed changes unless the outcome or a dry run forbids it. */
    private Uni<BulkResult> decideAndWrite(Caller caller, BulkUpdate request, int requested,
                                           List<LoadedSample> loaded, boolean dryRun) {
        SampleChange change = request.change();
        List<BulkPolicy.Verdict> verdicts = loaded.stream().map(sample -> new BulkPolicy.Verdict(sample.sample().id,
                SamplePolicy.decidePatch(sample.context(), change))).toList();
        BulkPolicy.Outcome outcome = BulkPolicy.decide(verdicts, requested - loaded.size(), request.mode());
        Set<String> allowed = Set.copyOf(outcome.allowed());
        List<String> changing = loaded.stream().map(LoadedSample::sample)
                .filter(sample -> allowed.contains(sample.id) && changes(sample, change))
                .map(sample -> sample.id).toList();
        Uni<Void> write = !outcome.applies() || changing.isEmpty() ? Uni.createFrom().voidItem()
                : samples.changeAll(changing, change, caller.userId(), Timestamps.now())
                        .chain(() -> change.tagIds() == null ? Uni.createFrom().voidItem()
                                : samples.replaceTags(changing, change.tagIds()));
        return write
                .call(() -> dryRun || !outcome.applies()
                        ? Panache.currentTransaction().invoke(Mutiny.Transaction::markForRollback)
                        : Uni.createFrom().voidItem())
                .replaceWith(new BulkResult(requested, outcome, changing, dryRun));
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
                .chain(() -> samples.insertAwaitingData(caller, sampleId, metadataId, projectId, tagNames,
                        Timestamps.now()))
                .chain(() -> metadataFields.isEmpty() ? Uni.createFrom().voidItem()
                        : metadata.describe(metadataId, metadataFields))
                .replaceWith(sampleId);
    }

    /**
     * Adds a tag to a sample the caller may modify, as a PATCH of its tags would: with the sample row locked, a new
     * version, at most the tag limit. {@code tag} names the tag; it runs only once the caller is allowed, so a
     * refusal leaves no tag behind. Answers the tag's id.
     */
    @WithTransaction
    public Uni<String> addTag(Caller caller, String sampleId, Supplier<Uni<String>> tag) {
        return loadToChange(caller, sampleId, SampleChange.NONE, Lock.SAMPLE)
                .chain(loaded -> {
                    ApiException.require(SamplePolicy.decideModify(caller, loaded.context().sample()));
                    Sample sample = loaded.sample();
                    return tag.get().chain(tagId -> {
                        if (sample.tagIds.contains(tagId)) {
                            return Uni.createFrom().item(tagId);
                        }
                        if (sample.tagIds.size() >= limits.maxTags()) {
                            throw ApiException.badRequest(List.of(FieldError.at("sample",
                                    "a sample may carry at most " + limits.maxTags() + " tags")));
                        }
                        sample.updatedAt = Timestamps.now(); // a new tag is a new version of the sample
                        return samples.appendTag(sampleId, tagId).chain(() -> samples.flush()).replaceWith(tagId);
                    });
                });
    }

    /**
     * Takes out of a project, in the caller's transaction, the samples in it that the caller may modify (and deleted
     * ones): each gets a new version and an audit event naming the caller, as a PATCH to {@code project: null}.
     */
    public Uni<Void> leaveProject(Caller caller, String projectId) {
        return samples.leaveProject(caller, projectId, Timestamps.now());
    }

    /**
     * Binds what is already shared to a policy that was just tightened, in the caller's transaction: the holder's
     * samples above the new cap are lowered to it, each audited by {@code actorId} with the policy event as cause.
     * Nothing happens when the cap did not come down. Answers how many samples were lowered.
     */
    public Uni<Integer> bindToTightenedPolicy(PolicyHolder holder, String holderId, Visibility oldCap,
                                              Visibility newCap, String actorId, String causeId, Instant now) {
        return oldCap.isMorePermissiveThan(newCap)
                ? samples.lowerAboveCap(holder, holderId, newCap, actorId, causeId, now)
                : Uni.createFrom().item(0);
    }

    /**
     * Binds a user's samples to the organization they were moved to, in the caller's transaction: those above its
     * cap are lowered to it, each audited by {@code actorId} with the move's policy event as the cause. Answers how
     * many.
     */
    public Uni<Integer> bindToOrganization(String userId, Visibility cap, String actorId, String causeId,
                                           Instant now) {
        return samples.lowerAboveCap(PolicyHolder.ACCOUNT, userId, cap, actorId, causeId, now);
    }

    /** How many of an organization's samples (deleted ones aside) sit at each visibility. */
    public Uni<Map<Visibility, Long>> countByVisibility(String organizationId) {
        return samples.countByVisibility(organizationId);
    }

    /** Soft delete: the sample becomes {@code deleted} (gone for every reader), audited like a sharing change. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, String sampleId) {
        return loadToChange(caller, sampleId, SampleChange.NONE, Lock.SAMPLE)
                .chain(loaded -> {
                    ApiException.require(SamplePolicy.decideModify(caller, loaded.context().sample()));
                    Sample sample = loaded.sample();
                    Instant now = Timestamps.now();
                    AuditEvent event = AuditEvent.of(sample.id, caller.userId(), "status", sample.status.wireName(),
                            SampleStatus.DELETED.wireName(), now);
                    sample.status = SampleStatus.DELETED;
                    sample.updatedAt = now;
                    return auditTrail.record(List.of(event)).chain(() -> samples.flush());
                });
    }

    /** Making a sample more visible must see policies that nobody can tighten before this transaction commits. */
    private static Lock lockFor(SampleChange change) {
        return change.visibility() != null && change.visibility() != Visibility.PRIVATE
                ? Lock.SAMPLE_AND_POLICIES
                : Lock.SAMPLE;
    }

    /**
     * The samples as seen, with those the caller may change read again under their locks (the session forgets what it
     * read first, so that it takes the rows as they are now); in id order.
     */
    private Uni<List<LoadedSample>> lockTheModifiable(Caller caller, List<LoadedSample> seen, SampleChange change) {
        List<String> modifiable = seen.stream()
                .filter(loaded -> SamplePolicy.decideModify(caller, loaded.context().sample()).allowed())
                .map(loaded -> loaded.sample().id).toList();
        if (modifiable.isEmpty()) {
            return Uni.createFrom().item(seen);
        }
        return samples.forgetLoaded()
                .chain(() -> samples.loadContexts(caller, modifiable, change, lockFor(change), true))
                .map(locked -> {
                    Map<String, LoadedSample> current = new java.util.HashMap<>();
                    locked.forEach(loaded -> current.put(loaded.sample().id, loaded));
                    return seen.stream().map(loaded -> current.getOrDefault(loaded.sample().id, loaded)).toList();
                });
    }

    /** Whether the change makes a difference to the sample: one that does not is neither written nor audited. */
    private static boolean changes(Sample sample, SampleChange change) {
        return change.visibility() != null && change.visibility() != sample.visibility
                || change.setsProject() && !Objects.equals(change.projectId(), sample.projectId)
                || change.tagIds() != null && !change.tagIds().equals(sample.tagIds);
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
        Uni<Void> tagWrite = tagsChanged ? samples.replaceTags(List.of(sample.id), tagIds)
                : Uni.createFrom().voidItem();
        sample.tagIds = List.copyOf(tagIds);
        return tagWrite
                .chain(() -> auditTrail.record(events))
                .chain(() -> samples.flush())
                .replaceWith(sample);
    }

    /** The sample, unlocked, if the caller may read it; otherwise not found, exactly like a missing one. */
    private Uni<LoadedSample> readable(Caller caller, String sampleId) {
        return load(caller, sampleId, SampleChange.NONE, Lock.NONE)
                .invoke(loaded -> ApiException.require(SamplePolicy.decideRead(caller, loaded.context().sample())));
    }

    /**
     * The sample with its context, locked, if the caller may modify it. Otherwise it is read without locks, so that
     * someone who may not change a sample never waits for its locks nor delays whoever holds them, and refused as not
     * found or not theirs. A sample that became modifiable between the two reads (its owner joined the caller's
     * organization) is locked on a second try; a third is not made: the request collided with that change.
     */
    private Uni<LoadedSample> loadToChange(Caller caller, String sampleId, SampleChange change, Lock lock) {
        return loadToChange(caller, sampleId, change, lock, true);
    }

    private Uni<LoadedSample> loadToChange(Caller caller, String sampleId, SampleChange change, Lock lock,
                                           boolean mayRetry) {
        return samples.loadContext(caller, sampleId, change, lock).chain(locked -> locked != null
                ? Uni.createFrom().item(locked)
                : load(caller, sampleId, change, Lock.NONE).chain(seen -> {
                    ApiException.require(SamplePolicy.decideModify(caller, seen.context().sample()));
                    if (!mayRetry) {
                        throw ApiException.collided();
                    }
                    return samples.forgetLoaded().chain(() -> loadToChange(caller, sampleId, change, lock, false));
                }));
    }

    private Uni<LoadedSample> load(Caller caller, String sampleId, SampleChange change, Lock lock) {
        return samples.loadContext(caller, sampleId, change, lock)
                .onItem().ifNull().failWith(() -> ApiException.denied(SamplePolicy.sampleNotFound()));
    }
}
