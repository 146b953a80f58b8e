package org.samplesapi.samples;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.CapLowering;
import org.samplesapi.persistence.SampleScope;
import org.samplesapi.persistence.SqlParams;
import org.samplesapi.persistence.Columns;
import org.samplesapi.persistence.NativeQueries;
import org.samplesapi.persistence.PolicyLocks;
import org.samplesapi.policy.Caller;
import org.samplesapi.policy.PatchContext;
import org.samplesapi.policy.PolicyHolder;
import org.samplesapi.policy.ProjectAccess;
import org.samplesapi.policy.SampleChange;
import org.samplesapi.policy.SampleFacts;
import org.samplesapi.policy.SampleStatus;
import org.samplesapi.policy.SharingPolicy;
import org.samplesapi.policy.Visibility;
import org.samplesapi.web.RequestIds;
import org.samplesapi.web.query.QueryCompiler;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Samples in PostgreSQL. {@link #loadContext} reads a sample and everything its authorization depends on in a
 * single statement; the writes change only what a PATCH may change.
 */
@ApplicationScoped
public class SampleRepository implements PanacheRepositoryBase<Sample, String> {

    /**
     * How much a load locks; a PATCH must decide on rows nobody else can change before it commits. A locking load
     * reads only samples the caller may modify ({@link SampleScope#MODIFIABLE}), and locks nothing of the others.
     */
    public enum Lock {
        /** Plain read (GET). */
        NONE,
        /** The sample row, so concurrent PATCHes of one sample serialize. */
        SAMPLE,
        /** Also the owner's and organization's policy rows, so a policy tightened meanwhile cannot be missed. */
        SAMPLE_AND_POLICIES
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The result mapping of the context statement: the {@link Sample} entity, then the context's columns. */
    static final String CONTEXT_MAPPING = "SampleContext";
    /** Where the mapping puts the owner's organization id and that organization's name (the sample is first). */
    private static final int OWNER_ORGANIZATION_COLUMN = 3;
    private static final int ORGANIZATION_NAME_COLUMN = 7;

    // One statement: the sample (as the entity, with metadata id and tag ids), its owner's account and organization
    // policy, whether the caller is in the sample's project, the caller's standing on a requested project, and which
    // requested tags exist and are usable by the caller (own tags, tags of the caller's organization, tags already on
    // the sample). A tag the caller can see through a sample they may read (%3$s: the read rule,
    // SampleScope.READABLE) is usable here exactly as it is visible to GET. A project is visible to its owner and
    // members, or when public, as to GET, so PATCH answers 403, not 404, for a visible project. The sample's project
    // counts for reading a shared sample only with can_see_files there.
    // The last column is the sample's version as the statement's snapshot saw it: when FOR UPDATE had to wait for
    // another writer, PostgreSQL returns the locked row at its newest version but evaluates the subqueries and joins
    // on the older snapshot, and the two versions differ (see loadContext).
    private static final String CONTEXT_SQL = """
            SELECT s.id, s.owner_id, s.project_id, s.primary_classification_id, s.filename, s.size, s.status,
                   s.visibility, s.error_msg, s.version, s.created_at, s.updated_at,
                   m.id AS metadata_id,
                   (SELECT string_agg(st.tag_id, ',' ORDER BY st.position) FROM sample_tags st
                     WHERE st.sample_id = s.id) AS tag_ids,
                   ow.organization_id AS owner_organization_id, ow.email AS owner_email,
                   ow.max_visibility AS owner_max_visibility, ow.holds_pii AS owner_holds_pii,
                   o.name AS organization_name, o.max_visibility AS organization_max_visibility,
                   o.holds_pii AS organization_holds_pii,
                   (sp.owner_id = :callerId OR EXISTS (SELECT 1 FROM project_members spm
                     WHERE spm.project_id = s.project_id AND spm.user_id = :callerId
                       AND 'can_see_files' = ANY (spm.permissions))) AS caller_in_project,
                   tp.id AS target_project_id, tp.owner_id = :callerId AS target_project_owned,
                   tp.public AS target_project_public,
                   array_to_string(tpm.permissions, ',') AS target_project_permissions,
                   tpm.user_id IS NOT NULL AS target_project_member,
                   (SELECT string_agg(t.id, ',') FROM tags t JOIN users tu ON tu.id = t.owner_id
                     WHERE t.id = ANY (string_to_array(:tagIds, ','))
                       AND (t.owner_id = :callerId OR tu.organization_id = :callerOrg
                            OR EXISTS (SELECT 1 FROM sample_tags cur WHERE cur.sample_id = s.id AND cur.tag_id = t.id)
                            -- OFFSET 0 keeps the tag's own samples (an index range) the driving side: flattened,
                            -- PostgreSQL scanned every readable sample instead (60 ms at 100,000 samples).
                            OR EXISTS (SELECT 1 FROM (SELECT rt.sample_id FROM sample_tags rt WHERE rt.tag_id = t.id
                                                      OFFSET 0) rt
                                        JOIN samples rs ON rs.id = rt.sample_id WHERE %3$s))) AS usable_tag_ids,
                   (SELECT snap.version FROM samples snap WHERE snap.id = s.id) AS snapshot_version
            FROM samples s
            JOIN LATERAL (SELECT u.organization_id, u.email, u.max_visibility, u.holds_pii FROM users u
                           WHERE u.id = s.owner_id %1$s) ow ON true
            LEFT JOIN LATERAL (SELECT org.name, org.max_visibility, org.holds_pii FROM organizations org
                                WHERE org.id = ow.organization_id %5$s) o ON true
            LEFT JOIN metadata m ON m.sample_id = s.id
            LEFT JOIN projects sp ON sp.id = s.project_id
            LEFT JOIN projects tp ON tp.id = :targetProject
            LEFT JOIN project_members tpm ON tpm.project_id = tp.id AND tpm.user_id = :callerId
            WHERE %4$s
            ORDER BY s.id
            %2$s
            """;
    // A locking load reads only the samples the caller may modify (%4$s holds the scope): the scan of s filters the
    // others out before anything is locked, so a caller who may not change a sample never waits for its locks, nor
    // holds its policy rows meanwhile.
    // The policy rows are locked inside the laterals, which run before the outer FOR UPDATE locks the sample: a PATCH
    // takes owner, organization, sample in that order, and a policy change takes its policy row and then the samples
    // it lowers, so the two only ever wait for each other in one direction. Each policy row's advisory lock is taken
    // as its scan filters it, just before the row lock, so that PATCHes queue fairly with a tightening (PolicyLocks).
    // One sample is asked for by equality: PostgreSQL settles on a generic plan for the statement then, which it does
    // not for an array of ids (it planned a PATCH's context on every request: PatchStatementCountTest).
    private static String contextSql(Lock lock, String readable, String modifiable, boolean oneSample) {
        String samples = oneSample ? "s.id = :sampleIds" : "s.id = ANY (string_to_array(:sampleIds, ','))";
        return switch (lock) {
            case NONE -> CONTEXT_SQL.formatted("", "", readable, samples, "");
            case SAMPLE -> CONTEXT_SQL.formatted("", "FOR UPDATE OF s", readable, samples + " AND " + modifiable, "");
            case SAMPLE_AND_POLICIES -> CONTEXT_SQL.formatted(
                    "AND " + PolicyLocks.sharedBeforeRowLock(PolicyHolder.ACCOUNT, "u.id") + " FOR SHARE",
                    "FOR UPDATE OF s", readable, samples + " AND " + modifiable,
                    "AND " + PolicyLocks.sharedBeforeRowLock(PolicyHolder.ORGANIZATION, "org.id") + " FOR SHARE");
        };
    }

    // The tag set of each of :sampleIds becomes exactly :tagIds, in that order: one statement whatever changed.
    private static final String REPLACE_TAGS_SQL = """
            WITH wanted AS (
                SELECT w.tag_id, CAST(w.ord AS integer) AS position
                FROM unnest(string_to_array(:tagIds, ',')) WITH ORDINALITY AS w(tag_id, ord)),
            target AS (SELECT unnest(string_to_array(:sampleIds, ',')) AS sample_id),
            dropped AS (
                DELETE FROM sample_tags st USING target t
                WHERE st.sample_id = t.sample_id AND st.tag_id NOT IN (SELECT tag_id FROM wanted))
            INSERT INTO sample_tags (sample_id, tag_id, position)
            SELECT t.sample_id, w.tag_id, w.position FROM target t CROSS JOIN wanted w
            ON CONFLICT (sample_id, tag_id) DO UPDATE SET position = EXCLUDED.position
            """;

    // A bulk change of samples whose rows the context load locked: each gets the change and a new version, and an
    // audit event per field that changed, as a PATCH gives them: one statement for any number of samples.
    private static final String BULK_CHANGE_SQL = """
            WITH target AS (
                SELECT s.id, s.visibility AS old_visibility, s.project_id AS old_project FROM samples s
                WHERE s.id = ANY (string_to_array(:sampleIds, ','))),
            changed AS (
                UPDATE samples s SET visibility = coalesce(CAST(:visibility AS varchar), s.visibility),
                       project_id = CASE WHEN :setsProject THEN CAST(:project AS varchar) ELSE s.project_id END,
                       version = s.version + 1, updated_at = :now
                FROM target t WHERE s.id = t.id
                RETURNING s.id, t.old_visibility, s.visibility AS new_visibility, t.old_project,
                          s.project_id AS new_project),
            events AS (
                SELECT c.id, 'visibility' AS field, c.old_visibility AS old_value, c.new_visibility AS new_value,
                       1 AS ord
                FROM changed c WHERE c.old_visibility IS DISTINCT FROM c.new_visibility
                UNION ALL
                SELECT c.id, 'project', c.old_project, c.new_project, 2
                FROM changed c WHERE c.old_project IS DISTINCT FROM c.new_project)
            INSERT INTO audit_events (id, sample_id, actor_id, field, old_value, new_value, created_at, request_id,
                                      client_request_id)
            SELECT new_id(), e.id, :actor,
                   e.field, e.old_value, e.new_value, :now, CAST(:requestId AS varchar),
                   CAST(:clientRequestId AS varchar)
            FROM events e ORDER BY e.id, e.ord
            """;

    /**
     * The sample, managed by the request's session, with its authorization context; {@code null} when no such
     * sample exists, or, with a lock, when the caller may not modify it. With a lock, the session's transaction holds
     * it from here on.
     */
    public Uni<LoadedSample> loadContext(Caller caller, String sampleId, SampleChange change, Lock lock) {
        return loadContexts(caller, List.of(sampleId), change, lock, false)
                .map(loaded -> loaded.isEmpty() ? null : loaded.get(0));
    }

    /**
     * The samples of {@code sampleIds} that exist, in id order, each with its authorization context: one statement
     * (two when a lock had to wait). Rows are locked in id order, so two changes of overlapping sets cannot deadlock.
     * {@code readOnly} entities are not dirty-checked: for a bulk change, which writes with set-based statements.
     */
    public Uni<List<LoadedSample>> loadContexts(Caller caller, Collection<String> sampleIds, SampleChange change,
                                                Lock lock, boolean readOnly) {
        SqlParams binder = new SqlParams();
        String sql = contextSql(lock, SampleScope.READABLE.filter(caller, binder::bind, "rs"),
                lock == Lock.NONE ? "" : SampleScope.MODIFIABLE.filter(caller, binder::bind), sampleIds.size() == 1);
        String targetProject = change.setsProject() ? change.projectId() : null;
        Uni<List<Object[]>> query = getSession().chain(session -> {
            var statement = session.createNativeQuery(sql,
                    session.getResultSetMapping(Object[].class, CONTEXT_MAPPING));
            binder.params().forEach(statement::setParameter);
            return statement.setParameter("sampleIds", String.join(",", sampleIds))
                    .setParameter("callerId", caller.userId())
                    .setParameter("callerOrg", caller.organizationId())
                    .setParameter("targetProject", targetProject)
                    .setParameter("tagIds", change.tagIds() == null ? "" : String.join(",", change.tagIds()))
                    .setReadOnly(readOnly)
                    .getResultList();
        });
        // A row read after waiting for its lock came with a stale context: read them again. This transaction now holds
        // the locks, so the second statement's fresh snapshot is current (and the session keeps the entities it has).
        // Uncontended changes pay nothing.
        return query
                .chain(rows -> lock != Lock.NONE && rows.stream().anyMatch(SampleRepository::contextIsStale) ? query
                        : Uni.createFrom().item(rows))
                .map(rows -> rows.stream().map(row -> toLoadedSample(caller, targetProject, row)).toList());
    }

    /**
     * The sample changed while the statement waited for its lock, or the owner's row, which the lock returns at its
     * newest version, names an organization the statement's snapshot does not hold: one that the join the lock waited
     * for created (organizations are never deleted, so a missing one is only a newer one).
     */
    private static boolean contextIsStale(Object[] row) {
        Object snapshotVersion = row[row.length - 1];
        return snapshotVersion == null || ((Sample) row[0]).version != ((Number) snapshotVersion).longValue()
                || row[OWNER_ORGANIZATION_COLUMN] != null && row[ORGANIZATION_NAME_COLUMN] == null;
    }

    /** Forgets the entities the session holds (read-only ones, with nothing to write), so they are read afresh. */
    public Uni<Void> forgetLoaded() {
        return getSession().invoke(Mutiny.Session::clear).replaceWithVoid();
    }

    /** Makes the tag set of each sample exactly {@code tagIds}, in order. */
    public Uni<Void> replaceTags(Collection<String> sampleIds, List<String> tagIds) {
        return NativeQueries.execute(REPLACE_TAGS_SQL, Map.of("sampleIds", String.join(",", sampleIds),
                "tagIds", String.join(",", tagIds))).replaceWithVoid();
    }

    /**
     * Applies {@code change} to samples this transaction has locked, each with a new version and its audit events
     * (by {@code actorId}, with the request's id); their tags are {@link #replaceTags} apart.
     */
    public Uni<Void> changeAll(Collection<String> sampleIds, SampleChange change, String actorId, Instant now) {
        return getSession().chain(session -> session.createNativeQuery(BULK_CHANGE_SQL)
                .setParameter("sampleIds", String.join(",", sampleIds))
                .setParameter("visibility", change.visibility() == null ? null : change.visibility().wireName())
                .setParameter("setsProject", change.setsProject())
                .setParameter("project", change.projectId())
                .setParameter("now", now.atOffset(java.time.ZoneOffset.UTC))
                .setParameter("actor", actorId)
                .setParameter("requestId", RequestIds.current())
                .setParameter("clientRequestId", RequestIds.client())
                .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The ids of the samples the caller may read that match a list's {@code where}, in id order: at most
     * {@code limit + 1}, so that the caller can tell a selection over the limit.
     */
    public Uni<List<String>> readableMatching(Caller caller, String where, int limit) {
        QueryCompiler compiler = new QueryCompiler(SampleSearch.FIELDS);
        String condition = compiler.where(where);
        String sql = "SELECT s.id FROM " + SampleSearch.SOURCE.from() + " WHERE "
                + SampleScope.READABLE.filter(caller, compiler::bind) + " AND (" + condition + ") ORDER BY s.id LIMIT "
                + (limit + 1);
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql, String.class);
            compiler.params().forEach(query::setParameter);
            return query.getResultList();
        });
    }

    /**
     * For a new sample (preupload): the caller's standing on the requested project and which requested tags they
     * may use, in one statement. The same rules as {@link #loadContext}, without a sample.
     */
    public Uni<PatchContext> loadNewSampleContext(Caller caller, SampleChange change) {
        String targetProject = change.setsProject() ? change.projectId() : null;
        return getSession().chain(session -> session.createNativeQuery("""
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
                .setParameter("tagIds", change.tagIds() == null ? "" : String.join(",", change.tagIds()))
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

    /**
     * Inserts a sample awaiting its data, with its metadata record and project, tagged with the caller's tags of
     * these names in order (each created if the caller has none of that name): one statement.
     */
    public Uni<Void> insertAwaitingData(Caller caller, String sampleId, String metadataId, String projectId,
                                        List<String> tagNames, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                        WITH sample AS (
                            INSERT INTO samples (id, owner_id, project_id, status, visibility, created_at, updated_at)
                            VALUES (:id, :owner, CAST(:project AS varchar), 'awaiting_data', 'private', :now, :now)
                            RETURNING id),
                        meta AS (
                            INSERT INTO metadata (id, sample_id, created_at, updated_at)
                            SELECT :metadataId, id, :now, :now FROM sample),
                        named AS (
                            SELECT w.name, w.ord
                            FROM json_array_elements_text(CAST(CAST(:tagNames AS text) AS json)) WITH ORDINALITY AS w(name, ord)),
                        owned AS (
                            INSERT INTO tags (id, owner_id, name)
                            SELECT new_id(), :owner, n.name
                            FROM named n
                            ON CONFLICT (owner_id, name) DO UPDATE SET name = EXCLUDED.name
                            RETURNING id, name)
                        INSERT INTO sample_tags (sample_id, tag_id, position)
                        SELECT s.id, o.id, CAST(n.ord AS integer) FROM sample s, named n JOIN owned o ON o.name = n.name
                        """)
                .setParameter("id", sampleId)
                .setParameter("owner", caller.userId())
                .setParameter("project", projectId)
                .setParameter("now", now.atOffset(java.time.ZoneOffset.UTC))
                .setParameter("metadataId", metadataId)
                .setParameter("tagNames", JSON.valueToTree(tagNames).toString())
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Takes the caller's modifiable (and the deleted) samples out of a project, audited: one statement. */
    public Uni<Void> leaveProject(Caller caller, String projectId, Instant now) {
        SqlParams binder = new SqlParams();
        String id = binder.bind(projectId);
        String at = binder.bind(now.atOffset(java.time.ZoneOffset.UTC));
        // The rows are locked in id order first, as a policy's lowering locks them, so the two cannot deadlock.
        String sql = "WITH target AS (SELECT s.id FROM samples s JOIN users ow ON ow.id = s.owner_id"
                + " WHERE s.project_id = " + id
                + " AND (" + SampleScope.MODIFIABLE.filter(caller, binder::bind) + " OR s.status = 'deleted')"
                + " ORDER BY s.id FOR UPDATE OF s),"
                + " left_project AS (UPDATE samples s SET project_id = NULL, version = s.version + 1,"
                + " updated_at = " + at + " FROM target t WHERE s.id = t.id AND s.project_id = " + id
                + " RETURNING s.id)"
                + " INSERT INTO audit_events (id, sample_id, actor_id, field, old_value, new_value, created_at,"
                + " request_id, client_request_id)"
                + " SELECT new_id(), l.id, " + binder.bind(caller.userId())
                + ", 'project', " + id + ", NULL, " + at + ", CAST(" + binder.bind(RequestIds.current())
                + " AS varchar), CAST(" + binder.bind(RequestIds.client()) + " AS varchar) FROM left_project l";
        return NativeQueries.execute(sql, binder.params()).replaceWithVoid();
    }

    /** Lowers the holder's samples above {@code cap} to it, audited with {@code causeId}; answers how many. */
    public Uni<Integer> lowerAboveCap(PolicyHolder holder, String holderId, Visibility cap, String actorId,
                                      String causeId, Instant now) {
        return NativeQueries.execute(CapLowering.sql(holder),
                CapLowering.params(holderId, cap, actorId, causeId, RequestIds.current(),
                        RequestIds.client(), now));
    }

    /** How many of an organization's samples (deleted ones aside) sit at each visibility. */
    public Uni<Map<Visibility, Long>> countByVisibility(String organizationId) {
        return getSession().chain(session -> session.createNativeQuery("""
                        SELECT s.visibility, count(*) FROM samples s JOIN users ow ON ow.id = s.owner_id
                        WHERE ow.organization_id = :organization AND s.status <> 'deleted'
                        GROUP BY s.visibility""", Object[].class)
                .setParameter("organization", organizationId)
                .getResultList())
                .map(rows -> {
                    Map<Visibility, Long> counts = new java.util.EnumMap<>(Visibility.class);
                    for (Visibility visibility : Visibility.values()) {
                        counts.put(visibility, 0L);
                    }
                    for (Object[] row : rows) {
                        counts.put(Visibility.fromWire((String) row[0]).orElseThrow(), ((Number) row[1]).longValue());
                    }
                    return counts;
                });
    }

    /** Appends a tag to a sample's tags (the sample row is locked by the caller's load). */
    public Uni<Void> appendTag(String sampleId, String tagId) {
        return NativeQueries.execute("""
                INSERT INTO sample_tags (sample_id, tag_id, position)
                SELECT :sample, :tag, coalesce(max(position), 0) + 1 FROM sample_tags WHERE sample_id = :sample
                ON CONFLICT DO NOTHING""", Map.of("sample", sampleId, "tag", tagId)).replaceWithVoid();
    }

    private static LoadedSample toLoadedSample(Caller caller, String targetProject, Object[] values) {
        Sample sample = (Sample) values[0];
        Columns c = new Columns(java.util.Arrays.copyOfRange(values, 1, values.length));
        sample.metadataId = c.string();
        sample.tagIds = c.list();
        String ownerOrganizationId = c.string();
        String ownerEmail = c.string();
        SharingPolicy account = new SharingPolicy(ownerEmail == null ? sample.ownerId : ownerEmail, c.visibility(),
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
        SampleFacts facts = new SampleFacts(sample.ownerId, ownerOrganizationId, sample.visibility, sample.status,
                sample.projectId, callerInProject);
        return new LoadedSample(sample,
                new PatchContext(caller, facts, account, organization, projectAccess, usableTags));
    }
}
