package org.samplesapi.idempotency;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.NativeQueries;
import org.samplesapi.persistence.SampleScope;
import org.samplesapi.persistence.SqlParams;
import org.samplesapi.policy.Caller;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The stored first answers per caller and key. Each method runs in a transaction of its own, apart from the request's:
 * the key is taken before the request runs and completed after it answered. (Native SQL: taking a key is an
 * INSERT ... ON CONFLICT, which decides between two requests racing for one key.)
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** How long a key holds, and how long an unfinished first request keeps it from a retry. */
    static final String KEPT = "24 hours";
    static final String ABANDONED = "1 minute";

    /**
     * What was stored under a key; {@code status} is null while the first request runs, and {@code body} when the
     * answer was too large to keep ({@code notKept}).
     */
    public record Stored(String fingerprint, Integer status, String contentType, String etag, String location,
                         String body, boolean notKept) {
    }

    /** Which way taking a key went: taken (the request runs), held by an earlier request, or over the quota. */
    public sealed interface Taking {
        record Taken() implements Taking {
        }

        record Held(Stored stored) implements Taking {
        }

        record OverQuota() implements Taking {
        }
    }

    /**
     * Takes the key for this request (when it was free, expired, or left unfinished too long ago), or answers what
     * holds it. A new key is taken only while the caller holds fewer than {@code quota} live keys.
     */
    public Uni<Taking> take(String caller, String key, String fingerprint, int quota) {
        Map<String, Object> params = Map.of("caller", caller, "key", key, "fingerprint", fingerprint, "quota", quota);
        return Panache.withTransaction(() -> NativeQueries.one("""
                INSERT INTO idempotency_keys (caller, key, fingerprint)
                SELECT :caller, :key, :fingerprint
                WHERE EXISTS (SELECT 1 FROM idempotency_keys WHERE caller = :caller AND key = :key)
                   OR (SELECT count(*) FROM idempotency_keys
                       WHERE caller = :caller AND created_at >= now() - interval '%1$s') < :quota
                ON CONFLICT (caller, key) DO UPDATE
                    SET fingerprint = EXCLUDED.fingerprint, status = NULL, content_type = NULL, etag = NULL,
                        location = NULL, body = NULL, answer_not_kept = false, created_at = now()
                    WHERE idempotency_keys.created_at < now() - interval '%1$s'
                       OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - interval '%2$s')
                RETURNING key, 1""".formatted(KEPT, ABANDONED), params)
                .chain(taken -> taken != null ? Uni.createFrom().item(new Taking.Taken()) : NativeQueries.one("""
                        SELECT fingerprint, status, content_type, etag, location, body, answer_not_kept
                        FROM idempotency_keys WHERE caller = :caller AND key = :key""",
                                Map.of("caller", caller, "key", key))
                        .map(row -> row == null ? new Taking.OverQuota() : new Taking.Held(new Stored(
                                (String) row[0], row[1] == null ? null : ((Number) row[1]).intValue(),
                                (String) row[2], (String) row[3], (String) row[4], (String) row[5],
                                Boolean.TRUE.equals(row[6]))))));
    }

    /** Stores the first answer under the key; a {@code null} body with {@code notKept} when it was too large. */
    public Uni<Void> complete(String caller, String key, int status, String contentType, String etag, String location,
                              String body, boolean notKept) {
        Map<String, Object> params = new HashMap<>(Map.of("caller", caller, "key", key, "status", status,
                "notKept", notKept));
        params.put("contentType", contentType);
        params.put("etag", etag);
        params.put("location", location);
        params.put("body", body);
        return Panache.withTransaction(() -> NativeQueries.execute("""
                UPDATE idempotency_keys SET status = :status, content_type = :contentType, etag = :etag,
                    location = :location, body = :body, answer_not_kept = :notKept
                WHERE caller = :caller AND key = :key""", params)).replaceWithVoid();
    }

    /** How many of {@code sampleIds} the caller may read now. */
    public Uni<Long> readableSamples(Caller caller, Collection<String> sampleIds) {
        SqlParams binder = new SqlParams();
        String sql = "SELECT count(*) FROM samples s WHERE s.id = ANY (string_to_array("
                + binder.bind(String.join(",", sampleIds)) + ", ',')) AND "
                + SampleScope.READABLE.filter(caller, binder::bind);
        return Panache.withSession(() -> NativeQueries.count(sql, binder.params()));
    }

    /** Frees the key: the request failed in a way a retry may fix (a 5xx), so the retry runs it again. */
    public Uni<Void> release(String caller, String key) {
        return Panache.withTransaction(() -> NativeQueries.execute(
                "DELETE FROM idempotency_keys WHERE caller = :caller AND key = :key AND status IS NULL",
                Map.of("caller", caller, "key", key))).replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return Panache.withTransaction(() -> NativeQueries.execute(
                "DELETE FROM idempotency_keys WHERE created_at < now() - interval '" + KEPT + "'", Map.of()))
                .replaceWithVoid();
    }
}
