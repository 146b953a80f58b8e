package org.samplesapi.policy;

/** The outcome of an authorization check: allowed, or denied with a reason, a message and maybe the missing item. */
public sealed interface Decision permits Decision.Allow, Decision.Deny {

    Decision ALLOW = new Allow();

    default boolean allowed() {
        return this instanceof Allow;
    }

    record Allow() implements Decision {
    }

    record Deny(DenialReason reason, String message, ItemRef item) implements Decision {

        public Deny(DenialReason reason, String message) {
            this(reason, message, null);
        }
    }
}
