package org.samplesapi.policy;

/** A referenced object that could not be found, reported as Potion's {@code item: {"$type", "$id"}}. */
public record ItemRef(String type, String id) {

    public static ItemRef project(String id) {
        return new ItemRef("projects", id);
    }

    public static ItemRef tag(String id) {
        return new ItemRef("tags", id);
    }

    public static ItemRef organization(String id) {
        return new ItemRef("organizations", id);
    }
}
