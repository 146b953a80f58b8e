package org.samplesapi.persistence;

import java.util.LinkedHashMap;
import java.util.Map;

/** The bind parameters of one native statement: every value gets a named placeholder, never a place in the text. */
public final class SqlParams {

    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Registers a value and returns its placeholder. */
    public String bind(Object value) {
        String name = "p" + (params.size() + 1);
        params.put(name, value);
        return ":" + name;
    }

    public Map<String, Object> params() {
        return params;
    }
}
