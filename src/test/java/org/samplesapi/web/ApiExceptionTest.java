package org.samplesapi.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.samplesapi.policy.Decision;
import org.samplesapi.policy.DenialReason;

/** A decision lets a request through only when it is an allow: a denial is refused, and so is no decision at all. */
class ApiExceptionTest {

    @Test
    void onlyAnAllowLetsThrough() {
        assertDoesNotThrow(() -> ApiException.require(Decision.ALLOW));
        ApiException denied = assertThrows(ApiException.class, () -> ApiException.require(
                new Decision.Deny(DenialReason.ORGANIZATION_CHANGED, "moved")));
        assertEquals(403, denied.error().status());
        assertEquals("organization_changed", denied.error().code());
        assertThrows(NullPointerException.class, () -> ApiException.require(null));
    }
}
