package org.samplesapi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Leaks;
import org.samplesapi.support.Raw;
import org.samplesapi.support.Raw.Answer;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;

/** What every API answer carries, or must not: no caching by anyone but the caller, and no CORS unless configured. */
@QuarkusTest
class ResponseHeadersHttpTest {

    private static final String EVIL = "https://evil.example.com";

    private final User owner = World.user(World.openOrg());
    private final String id = World.sample(owner, "private");

    @Test
    void privateAnswersAreNeverCached() {
        Answer read = Raw.send("GET", "/api/v1/samples/" + id, Tokens.of(owner), null, null, Map.of());
        assertEquals(200, read.status());
        assertEquals("private, no-store", read.header("Cache-Control"));
        assertEquals("nosniff", read.header("X-Content-Type-Options"));
        Answer list = Raw.send("GET", "/api/v1/samples", Tokens.of(owner), null, null, Map.of());
        assertEquals(200, list.status());
        assertEquals("private, no-store", list.header("Cache-Control"));
        // Errors too, also those answered before the REST layer (authentication, body size).
        Leaks.error(Raw.send("GET", "/api/v1/samples/" + id, null, null, null, Map.of()), 401);
        String before = Db.sampleSnapshot(id);
        Leaks.error(Raw.patch(Tokens.of(owner), "/api/v1/samples/" + id, "application/json",
                Raw.utf8("{\"visibility\": \"public\"}" + " ".repeat(70_000))), 413);
        assertEquals(before, Db.sampleSnapshot(id), "a body over the limit wrote");
    }

    /**
     * An origin CORS was not configured for gets no grant (the test profile turns CORS on for one other origin; that
     * it is off by default in production, WalkthroughIT checks on the packaged application).
     */
    @Test
    void anOriginNotConfiguredGetsNoGrant() {
        Answer preflight = Raw.send("OPTIONS", "/api/v1/samples/" + id, null, null, null, Map.of(
                "Origin", EVIL, "Access-Control-Request-Method", "PATCH",
                "Access-Control-Request-Headers", "authorization,content-type"));
        assertNull(preflight.header("Access-Control-Allow-Origin"), preflight.headers().toString());
        assertNull(preflight.header("Access-Control-Allow-Credentials"));
        String before = Db.sampleSnapshot(id);
        Answer write = Raw.send("PATCH", "/api/v1/samples/" + id, Tokens.of(owner), "application/json",
                Raw.utf8("{\"visibility\": \"public\"}"), Map.of("Origin", EVIL));
        assertNull(write.header("Access-Control-Allow-Origin"), write.headers().toString());
        assertEquals(403, write.status(), "a request from an origin not allowed is refused");
        assertEquals(before, Db.sampleSnapshot(id), "a request from an origin not allowed wrote");
    }
}
