package org.samplesapi.web;

import java.util.regex.Pattern;

/** What a client may send as an id, in a path, a reference or a filter: One Codex style, 16 characters. */
public final class ApiIds {

    /** The shape of ours and of One Codex's own (which mixes in other letters). */
    private static final Pattern WELL_FORMED = Pattern.compile("[a-z0-9]{16}");

    private ApiIds() {
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
