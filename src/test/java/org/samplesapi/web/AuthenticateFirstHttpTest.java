package org.samplesapi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A request without a valid token is refused before its body is read: a slow chunked upload that has sent one chunk
 * gets its 401 within a second, with or without a (bad) token, and the sample is untouched. A valid token's upload
 * is waited for, which shows the test can tell the two apart.
 */
@QuarkusTest
class AuthenticateFirstHttpTest {

    private static final int PATIENCE_MILLIS = 1000;
    private static final String FIRST_CHUNK = "{\"visibility\": ";

    @Test
    void noTokenIsRefusedBeforeTheBody() throws IOException {
        assertRefusedBeforeTheBody(null);
    }

    @Test
    void aBadTokenIsRefusedBeforeTheBody() throws IOException {
        assertRefusedBeforeTheBody(Tokens.signedByStranger(Tokens.claims(World.user(World.openOrg()))));
    }

    @Test
    void aValidTokensUploadIsWaitedFor() throws IOException {
        User owner = World.user(World.openOrg());
        String sample = World.sample(owner, "private");
        try (Socket socket = startUpload(Tokens.of(owner), sample)) {
            BufferedReader answer = reader(socket);
            assertThrows(SocketTimeoutException.class, answer::readLine, "answered before the body arrived");
        }
    }

    private static void assertRefusedBeforeTheBody(String token) throws IOException {
        User owner = World.user(World.openOrg());
        String sample = World.sample(owner, "private");
        String before = Db.sampleSnapshot(sample);
        try (Socket socket = startUpload(token, sample)) {
            BufferedReader answer = reader(socket);
            String statusLine = answer.readLine();
            assertEquals("HTTP/1.1 401 Unauthorized", statusLine);
            int length = -1;
            for (String header = answer.readLine(); !header.isEmpty(); header = answer.readLine()) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(header.indexOf(':') + 1).trim());
                }
            }
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                read += answer.read(body, read, length - read);
            }
            String json = new String(body);
            assertTrue(json.contains("\"code\":\"unauthorized\""), json);
            assertTrue(json.contains("\"status\":401"), json);
        }
        assertEquals(before, Db.sampleSnapshot(sample), "a refused upload changed the sample");
    }

    /** A PATCH whose chunked body has begun and then stalls. */
    private static Socket startUpload(String token, String sample) throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(PATIENCE_MILLIS);
        OutputStream out = socket.getOutputStream();
        out.write(("PATCH /api/v1/samples/" + sample + " HTTP/1.1\r\nHost: localhost\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(FIRST_CHUNK.length()) + "\r\n" + FIRST_CHUNK + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }
}
