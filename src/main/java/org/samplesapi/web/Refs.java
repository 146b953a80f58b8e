package org.samplesapi.web;

/** Potion references: {@code "$uri"} of an object and {@code {"$ref": ...}} to another, both {@code /api/v1/<resource>/<id>}. */
public final class Refs {

    public static final String API_ROOT = "/api/v1/";

    private Refs() {
    }

    public static String uri(String resource, String id) {
        return API_ROOT + resource + "/" + id;
    }

    /** The id a reference names when it points at {@code resource}, or {@code null} when it points elsewhere. */
    public static String idOf(String resource, String ref) {
        String prefix = API_ROOT + resource + "/";
        if (ref == null || !ref.startsWith(prefix)) {
            return null;
        }
        return ref.substring(prefix.length());
    }
}
