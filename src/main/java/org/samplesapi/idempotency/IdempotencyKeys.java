package org.samplesapi.idempotency;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.NativeQueries;

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

    /** What was stored under a key; {@code status} is null while the first request runs. */
    public record Stored(String fingerprint, Integer status, String contentType, String etag, String location,
                         String body) {
    }

    /**
     * Takes the key for this request, or answers what holds it: {@code null} when the request may run (the key was
     * free, expired, or left unfinished too long ago), otherwise the stored entry.
     */
    public Uni<Stored> take(String caller, String key, String fingerprint) {
        Map<String, Object> params = Map.of("caller", caller, "key", key, "fingerprint", fingerprint);
        return Panache.withTransaction(() -> NativeQueries.one("""
                INSERT INTO idempotency_keys (caller, key, fingerprint) VALUES (:caller, :key, :fingerprint)
                ON CONFLICT (caller, key) DO UPDATE
                    SET fingerprint = EXCLUDED.fingerprint, status = NULL, content_type = NULL, etag = NULL,
                        location = NULL, body = NULL, created_at = now()
                    WHERE idempotency_keys.created_at < now() - interval '%s'
                       OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - interval '%s')
                RETURNING key, 1""".formatted(KEPT, ABANDONED), params)
                .chain(taken -> taken != null ? Uni.createFrom().nullItem() : NativeQueries.one("""
                        SELECT fingerprint, status, content_type, etag, location, body FROM idempotency_keys
                        WHERE caller = :caller AND key = :key""", Map.of("caller", caller, "key", key))
                        .map(row -> row == null ? null : new Stored((String) row[0],
                                row[1] == null ? null : ((Number) row[1]).intValue(), (String) row[2],
                                (String) row[3], (String) row[4], (String) row[5]))));
    }

    /** Stores the first answer under the key. */
    public Uni<Void> complete(String caller, String key, int status, String contentType, String etag, String location,
                              String body) {
        Map<String, Object> params = new HashMap<>(Map.of("caller", caller, "key", key, "status", status));
        params.put("contentType", contentType);
        params.put("etag", etag);
        params.put("location", location);
        params.put("body", body);
        return Panache.withTransaction(() -> NativeQueries.execute("""
                UPDATE idempotency_keys SET status = :status, content_type = :contentType, etag = :etag,
                    location = :location, body = :body
                WHERE caller = :caller AND key = :key""", params)).replaceWithVoid();
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
