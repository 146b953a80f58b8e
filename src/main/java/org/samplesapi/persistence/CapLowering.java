package org.samplesapi.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.samplesapi.policy.PolicyHolder;
import org.samplesapi.policy.Visibility;

/**
 * Binds what is already shared to a cap: every sample of the holder above it is lowered to it, each with a new version
 * and an audit event, in one statement. A tightened policy does this, and so does an account joining an organization.
 * The target rows are locked first, in id order (so two lowerings that share samples, an organization's and a
 * member's account's, cannot deadlock); a row a concurrent PATCH changed meanwhile is re-checked on its newest
 * version, so the old value audited is the one replaced.
 */
public final class CapLowering {

    private static final String SQL = """
            WITH target AS (
                SELECT s.id, s.visibility AS old_visibility FROM samples s JOIN users ow ON ow.id = s.owner_id
                WHERE %s = :holder AND s.visibility = ANY (string_to_array(:above, ','))
                ORDER BY s.id
                FOR UPDATE OF s),
            lowered AS (
                UPDATE samples s SET visibility = :cap, version = s.version + 1, updated_at = :now
                FROM target t WHERE s.id = t.id
                RETURNING s.id, t.old_visibility)
            INSERT INTO audit_events (id, sample_id, actor_id, field, old_value, new_value, created_at, policy_event_id,
                                      request_id, client_request_id)
            SELECT new_id(), l.id, :actor, 'visibility',
                   l.old_visibility, :cap, :now, CAST(:cause AS varchar), CAST(:requestId AS varchar),
                   CAST(:clientRequestId AS varchar)
            FROM lowered l
            """;

    private CapLowering() {
    }

    /** The statement for the samples {@code holder} governs; it answers how many it lowered. */
    public static String sql(PolicyHolder holder) {
        return SQL.formatted(switch (holder) {
            case ORGANIZATION -> "ow.organization_id";
            case ACCOUNT -> "s.owner_id";
        });
    }

    /**
     * @param cause the policy event that tightened the cap, or {@code null} when none did (an organization joined)
     */
    public static Map<String, Object> params(String holderId, Visibility cap, String actorId, String cause,
                                             String requestId, String clientRequestId, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("holder", holderId);
        params.put("above", Arrays.stream(Visibility.values()).filter(v -> v.isMorePermissiveThan(cap))
                .map(Visibility::wireName).collect(Collectors.joining(",")));
        params.put("cap", cap.wireName());
        params.put("now", now.atOffset(ZoneOffset.UTC));
        params.put("actor", actorId);
        params.put("cause", cause);
        params.put("requestId", requestId);
        params.put("clientRequestId", clientRequestId);
        return params;
    }
}
