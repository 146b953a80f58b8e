package org.samplesapi.samples;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.samplesapi.audit.AuditEvent;
import org.samplesapi.persistence.Columns;
import org.samplesapi.persistence.Ids;
import org.samplesapi.persistence.OneRow;
import org.samplesapi.persistence.PgStatements;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.PatchContext;
import org.samplesapi.policy.ProjectAccess;
import org.samplesapi.policy.SampleChange;
import org.samplesapi.policy.SampleFacts;
import org.samplesapi.policy.SampleStatus;
import org.samplesapi.policy.SharingPolicy;
import org.samplesapi.policy.Visibility;
import org.samplesapi.web.query.QueryCompiler;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Samples in PostgreSQL. {@link #loadContext} reads a sample and everything its authorization depends on in a
 * single statement; the writes change only what a PATCH may change.
 */
@ApplicationScoped
public class SampleRepository implements PanacheRepositoryBase<Sample, String> {

    /** How much a load locks; a PATCH must decide on rows nobody else can change before it commits. */
    public enum Lock {
        /** Plain read (GET). */
        NONE,
        /** The sample row, so concurrent PATCHes of one sample serialize. */
        SAMPLE,
        /** Also the owner's and organization's policy rows, so a policy tightened meanwhile cannot be missed. */
        SAMPLE_AND_POLICIES
    }

    // One statement: the sample (with metadata id and tag ids), its owner's account and organization policy, whether
    // the caller is in the sample's project, the caller's standing on a requested project, and which requested tags
    // exist and are usable by the caller (own tags, tags of the caller's organization, tags already on the sample).
    // A tag the caller can see through a sample they may read (%4$s: the read rule, SampleScope.READABLE) is usable
    // here exactly as it is visible to GET. A project is visible to its owner and members, or when public, as to GET,
    // so PATCH answers 403, not 404, for a visible project. The sample's project counts for reading a shared sample
    // only with can_see_files there.
    // The last column is the sample's version as the statement's snapshot saw it: when FOR UPDATE had to wait for
    // another writer, PostgreSQL returns the locked row at its newest version but evaluates the subqueries and joins
    // on the older snapshot, and the two versions differ (see loadContext).
    private static final String CONTEXT_SQL = """
            SELECT %1$s,
                   ow.organization_id, ow.email, ow.max_visibility, ow.holds_pii,
                   o.name, o.max_visibility, o.holds_pii,
                   (sp.owner_id = :callerId OR EXISTS (SELECT 1 FROM project_members spm
                     WHERE spm.project_id = s.project_id AND spm.user_id = :callerId
                       AND 'can_see_files' = ANY (spm.permissions))),
                   tp.id, tp.owner_id = :callerId, tp.public,
                   array_to_string(tpm.permissions, ','), tpm.user_id IS NOT NULL,
                   (SELECT string_agg(t.id, ',') FROM tags t JOIN users tu ON tu.id = t.owner_id
                     WHERE t.id = ANY (string_to_array(:tagIds, ','))
                       AND (t.owner_id = :callerId OR tu.organization_id = :callerOrg
                            OR EXISTS (SELECT 1 FROM sample_tags cur WHERE cur.sample_id = s.id AND cur.tag_id = t.id)
                            -- OFFSET 0 keeps the tag's own samples (an index range) the driving side: flattened,
                            -- PostgreSQL scanned every readable sample instead (60 ms at 100,000 samples).
                            OR EXISTS (SELECT 1 FROM (SELECT rt.sample_id FROM sample_tags rt WHERE rt.tag_id = t.id
                                                      OFFSET 0) rt
                                        JOIN samples rs ON rs.id = rt.sample_id
                                        JOIN users rw ON rw.id = rs.owner_id WHERE %4$s))),
                   (SELECT snap.version FROM samples snap WHERE snap.id = s.id)
            FROM samples s
            JOIN users ow ON ow.id = s.owner_id
            LEFT JOIN LATERAL (SELECT org.name, org.max_visibility, org.holds_pii FROM organizations org
                                WHERE org.id = ow.organization_id %2$s) o ON true
            LEFT JOIN metadata m ON m.sample_id = s.id
            LEFT JOIN projects sp ON sp.id = s.project_id
            LEFT JOIN projects tp ON tp.id = :targetProject
            LEFT JOIN project_members tpm ON tpm.project_id = tp.id AND tpm.user_id = :callerId
            WHERE s.id = :sampleId
            %3$s
            """;
    private static String contextSql(Lock lock, String readable) {
        return switch (lock) {
            case NONE -> CONTEXT_SQL.formatted(SampleRow.COLUMNS, "", "", readable);
            case SAMPLE -> CONTEXT_SQL.formatted(SampleRow.COLUMNS, "", "FOR UPDATE OF s", readable);
            case SAMPLE_AND_POLICIES -> CONTEXT_SQL.formatted(SampleRow.COLUMNS, "FOR SHARE",
                    "FOR UPDATE OF s FOR SHARE OF ow", readable);
        };
    }

    // The whole write of an accepted change in one statement: the sample row, its tag set (when :replaceTags) and one
    // audit event per changed field, in field order. Returns how many sample rows it changed (1: the row is locked).
    private static final String WRITE_CHANGE_SQL = """
            WITH changed AS (
                UPDATE samples SET visibility = :visibility, project_id = :projectId, version = :version,
                                   updated_at = :now
                WHERE id = :sampleId
                RETURNING id),
            wanted AS (
                SELECT w.tag_id, CAST(w.ord AS integer) AS position
                FROM unnest(string_to_array(:tagIds, ',')) WITH ORDINALITY AS w(tag_id, ord)),
            dropped AS (
                DELETE FROM sample_tags st
                WHERE :replaceTags AND st.sample_id = :sampleId AND st.tag_id NOT IN (SELECT tag_id FROM wanted)),
            added AS (
                INSERT INTO sample_tags (sample_id, tag_id, position)
                SELECT :sampleId, tag_id, position FROM wanted WHERE :replaceTags
                ON CONFLICT (sample_id, tag_id) DO UPDATE SET position = EXCLUDED.position),
            audited AS (
                INSERT INTO audit_events (id, sample_id, actor_id, field, old_value, new_value, created_at)
                SELECT e.id, changed.id, :actorId, e.field, e.old_value, e.new_value, :now
                FROM changed, unnest(CAST(:eventIds AS text[]), CAST(:eventFields AS text[]),
                                     CAST(:oldValues AS text[]), CAST(:newValues AS text[]))
                                  WITH ORDINALITY AS e(id, field, old_value, new_value, ord)
                ORDER BY e.ord)
            SELECT count(*) FROM changed
            """;

    // Soft delete and its audit event, in one statement; returns how many sample rows it changed.
    private static final String MARK_DELETED_SQL = """
            WITH changed AS (
                UPDATE samples SET status = 'deleted', version = :version, updated_at = :now
                WHERE id = :sampleId
                RETURNING id),
            audited AS (
                INSERT INTO audit_events (id, sample_id, actor_id, field, old_value, new_value, created_at)
                SELECT :eventId, changed.id, :actorId, 'status', :oldStatus, 'deleted', :now FROM changed)
            SELECT count(*) FROM changed
            """;

    /**
     * The sample with its authorization context, or {@code null} when no such sample exists, read by {@code rows}:
     * a Vert.x connection (or the pool, for a plain read) or the Hibernate session whose transaction takes the lock.
     */
    public Uni<LoadedSample> loadContext(OneRow rows, Caller caller, String sampleId, SampleChange change,
                                         Lock lock) {
        QueryCompiler binder = new QueryCompiler(Map.of());
        String sql = contextSql(lock, SampleScope.READABLE.filter(caller, binder, "rs", "rw"));
        String targetProject = change.setsProject() ? change.projectId() : null;
        Map<String, Object> params = new HashMap<>(binder.params());
        params.put("sampleId", sampleId);
        params.put("callerId", caller.userId());
        params.put("callerOrg", caller.organizationId());
        params.put("targetProject", targetProject);
        params.put("tagIds", change.tagIds() == null ? "" : String.join(",", change.tagIds()));
        Uni<Object[]> query = Uni.createFrom().deferred(() -> rows.one(sql, params));
        // A row read after waiting for its lock came with a stale context: read it again. This transaction now holds
        // the lock, so the second statement's fresh snapshot is current. Uncontended PATCHes pay nothing.
        return query
                .chain(row -> row != null && lock != Lock.NONE && contextIsStale(row) ? query : Uni.createFrom().item(row))
                .map(row -> row == null ? null : toLoadedSample(caller, targetProject, row));
    }

    /**
     * Writes an accepted change on the transaction's connection, which holds the sample's lock: the sample as
     * {@code updated} (visibility, project, version, time), its tag set when {@code replacedTagIds} is not
     * {@code null}, and the audit events.
     */
    public Uni<Void> writeChange(SqlConnection transaction, SampleRow updated, List<String> replacedTagIds,
                                 List<AuditEvent> events) {
        Map<String, Object> params = new HashMap<>();
        params.put("sampleId", updated.id());
        params.put("visibility", updated.visibility().wireName());
        params.put("projectId", updated.projectId());
        params.put("version", updated.version());
        params.put("now", updated.updatedAt());
        params.put("replaceTags", replacedTagIds != null);
        params.put("tagIds", replacedTagIds == null ? "" : String.join(",", replacedTagIds));
        params.put("actorId", events.isEmpty() ? null : events.get(0).actorId);
        params.put("eventIds", events.stream().map(event -> event.id).toArray(String[]::new));
        params.put("eventFields", events.stream().map(event -> event.field).toArray(String[]::new));
        params.put("oldValues", events.stream().map(event -> event.oldValue).toArray(String[]::new));
        params.put("newValues", events.stream().map(event -> event.newValue).toArray(String[]::new));
        return PgStatements.one(transaction, WRITE_CHANGE_SQL, params).invoke(row -> requireOneRow(row, updated.id()))
                .replaceWithVoid();
    }

    /** Marks a locked sample deleted and audits it, on the transaction's connection. */
    public Uni<Void> markDeleted(SqlConnection transaction, SampleRow current, String actorId, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("sampleId", current.id());
        params.put("version", current.version() + 1);
        params.put("now", now);
        params.put("eventId", Ids.newId());
        params.put("actorId", actorId);
        params.put("oldStatus", current.status().wireName());
        return PgStatements.one(transaction, MARK_DELETED_SQL, params).invoke(row -> requireOneRow(row, current.id()))
                .replaceWithVoid();
    }

    /** The row is locked by this transaction: anything but one changed row is a bug. */
    private static void requireOneRow(Object[] count, String sampleId) {
        if (count == null || ((Number) count[0]).longValue() != 1) {
            throw new IllegalStateException("Sample " + sampleId + " vanished under its lock");
        }
    }

    private static boolean contextIsStale(Object[] row) {
        Object lockedVersion = row[SampleRow.VERSION_COLUMN];
        Object snapshotVersion = row[row.length - 1];
        return snapshotVersion == null || ((Number) lockedVersion).longValue() != ((Number) snapshotVersion).longValue();
    }

    /**
     * For a new sample (preupload): the caller's standing on the requested project and which requested tags they
     * may use, in one statement. The same rules as {@link #loadContext}, without a sample.
     */
    public Uni<PatchContext> loadNewSampleContext(Caller caller, SampleChange change) {
        String targetProject = change.setsProject() ? change.projectId() : null;
        QueryCompiler binder = new QueryCompiler(Map.of());
        return getSession().chain(session -> bindAll(session.createNativeQuery("""
                        SELECT tp.id, tp.owner_id = :callerId, tp.public, array_to_string(tpm.permissions, ','),
                               tpm.user_id IS NOT NULL,
                               (SELECT string_agg(t.id, ',') FROM tags t JOIN users tu ON tu.id = t.owner_id
                                 WHERE t.id = ANY (string_to_array(:tagIds, ','))
                                   AND (t.owner_id = :callerId OR tu.organization_id = :callerOrg))
                        FROM (SELECT 1) AS one
                        LEFT JOIN projects tp ON tp.id = :targetProject
                        LEFT JOIN project_members tpm ON tpm.project_id = tp.id AND tpm.user_id = :callerId
                        """, Object[].class)
                .setParameter("callerId", caller.userId())
                .setParameter("callerOrg", caller.organizationId() == null ? "" : caller.organizationId())
                .setParameter("targetProject", targetProject == null ? "" : targetProject)
                .setParameter("tagIds", change.tagIds() == null ? "" : String.join(",", change.tagIds())), binder)
                .getSingleResult())
                .map(row -> {
                    Columns c = new Columns(row);
                    ProjectAccess access = ProjectAccess.resolve(targetProject, c.string(), c.bool(), c.bool(),
                            c.string(), c.bool());
                    SampleFacts newSample = new SampleFacts(caller.userId(), caller.organizationId(),
                            Visibility.PRIVATE, SampleStatus.AWAITING_DATA, null, false);
                    return new PatchContext(caller, newSample, SharingPolicy.unrestricted("new sample"),
                            SharingPolicy.unrestricted("new sample"), access, new HashSet<>(c.list()));
                });
    }

    /** Inserts a sample awaiting its data, with its metadata record, project and tags, in one statement. */
    public Uni<Void> insertAwaitingData(Caller caller, String sampleId, String metadataId, String projectId,
                                        List<String> tagIds, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                        WITH sample AS (
                            INSERT INTO samples (id, owner_id, project_id, status, visibility, created_at, updated_at)
                            VALUES (:id, :owner, CAST(:project AS varchar), 'awaiting_data', 'private', :now, :now)
                            RETURNING id),
                        meta AS (
                            INSERT INTO metadata (id, sample_id, created_at, updated_at)
                            SELECT :metadataId, id, :now, :now FROM sample)
                        INSERT INTO sample_tags (sample_id, tag_id, position)
                        SELECT s.id, w.tag_id, CAST(w.ord AS integer)
                        FROM sample s, unnest(string_to_array(:tagIds, ',')) WITH ORDINALITY AS w(tag_id, ord)
                        """)
                .setParameter("id", sampleId)
                .setParameter("owner", caller.userId())
                .setParameter("project", projectId)
                .setParameter("now", now.atOffset(java.time.ZoneOffset.UTC))
                .setParameter("metadataId", metadataId)
                .setParameter("tagIds", tagIds == null ? "" : String.join(",", tagIds))
                .executeUpdate())
                .replaceWithVoid();
    }

    private static <Q extends Mutiny.SelectionQuery<Object[]>> Q bindAll(Q query, QueryCompiler binder) {
        binder.params().forEach(query::setParameter);
        return query;
    }

    /** Writes the new visibility and project and bumps the version; the row is already locked by the load. */
    public Uni<Integer> applyChange(String sampleId, Visibility visibility, String projectId, long newVersion,
                                    Instant updatedAt) {
        return update("visibility = ?1, projectId = ?2, version = ?3, updatedAt = ?4 where id = ?5",
                visibility, projectId, newVersion, updatedAt, sampleId);
    }

    private static LoadedSample toLoadedSample(Caller caller, String targetProject, Object[] values) {
        Columns c = new Columns(values);
        SampleRow row = SampleRow.read(c);
        String ownerOrganizationId = c.string();
        String ownerEmail = c.string();
        SharingPolicy account = new SharingPolicy(ownerEmail == null ? row.ownerId() : ownerEmail, c.visibility(),
                c.bool());
        String organizationName = c.string();
        Visibility organizationCap = c.visibility();
        boolean organizationHoldsPii = c.bool();
        SharingPolicy organization = organizationName == null
                ? SharingPolicy.unrestricted("none")
                : new SharingPolicy(organizationName, organizationCap, organizationHoldsPii);
        boolean callerInProject = c.bool();
        ProjectAccess projectAccess = ProjectAccess.resolve(targetProject, c.string(), c.bool(), c.bool(),
                c.string(), c.bool());
        Set<String> usableTags = new HashSet<>(c.list());
        SampleFacts facts = new SampleFacts(row.ownerId(), ownerOrganizationId, row.visibility(), row.status(),
                row.projectId(), callerInProject);
        return new LoadedSample(row,
                new PatchContext(caller, facts, account, organization, projectAccess, usableTags));
    }
}
