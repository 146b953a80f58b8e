package org.samplesapi.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What keyed requests may store: the answers are kept in PostgreSQL for a day, so each caller's share is bounded. */
@ConfigMapping(prefix = "samples.idempotency")
public interface IdempotencyConfig {

    /**
     * The largest answer body kept for a replay, in bytes. A larger answer still guards its key against a second
     * execution, but a replay gets a 409 ({@code idempotency_answer_not_kept}) instead of the body.
     */
    @WithDefault("65536")
    int maxStoredAnswerBytes();

    /** How many live keys (used within the last day) one caller may hold; beyond it, a 429. */
    @WithDefault("1000")
    int maxKeysPerCaller();
}
