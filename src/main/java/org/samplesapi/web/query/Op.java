package org.samplesapi.web.query;

import java.util.Optional;

/** The {@code where} operators of Flask-Potion, as One Codex's hyper-schema lists them. */
public enum Op {
    EQ("$eq"), NE("$ne"), IN("$in"),
    LT("$lt"), LTE("$lte"), GT("$gt"), GTE("$gte"), BETWEEN("$between"),
    CONTAINS("$contains"), ICONTAINS("$icontains"), STARTSWITH("$startswith"), ISTARTSWITH("$istartswith"),
    ENDSWITH("$endswith"), IENDSWITH("$iendswith"),
    CONTAINSALL("$containsall"), CONTAINSANY("$containsany");

    private final String wireName;

    Op(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Op> fromWire(String name) {
        for (Op op : values()) {
            if (op.wireName.equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
