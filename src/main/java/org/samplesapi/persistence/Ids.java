package org.samplesapi.persistence;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.samplesapi.web.ApiException;

/** One Codex style identifiers: 16 lowercase hexadecimal characters, random so they cannot be enumerated. */
public final class Ids {

    /** What a client may send as an id: the shape of ours and of One Codex's own (which mixes in other letters). */
    private static final Pattern WELL_FORMED = Pattern.compile("[a-z0-9]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static boolean isWellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }

    /**
     * An id from a request path: one that cannot exist is answered like any other missing object, without asking
     * the database.
     */
    public static String existing(String id, String what) {
        if (!isWellFormed(id)) {
            throw ApiException.notFound(what);
        }
        return id;
    }
}
