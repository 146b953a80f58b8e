package org.samplesapi.web.query;

import java.util.EnumSet;
import java.util.Set;

/**
 * A field clients may filter and sort by, and the SQL expression behind it.
 *
 * @param name        the wire name ({@code filename}, {@code owner}, {@code $uri} ...)
 * @param column      the SQL expression it stands for
 * @param type        how values are read and compared
 * @param refResource for {@link Type#REF} and {@link Type#TAGS}: the resource its references point at
 * @param ops         the operators the hyper-schema allows on it (the bare value means {@code $eq})
 * @param sortable    whether {@code sort} may name it
 * @param nullable    whether the column can be NULL (keyset paging must then treat NULL as a value)
 */
public record QueryField(String name, String column, Type type, String refResource, Set<Op> ops, boolean sortable,
                         boolean nullable) {

    /** Value kinds; each decides how a JSON value becomes a bind parameter. */
    public enum Type { REF, TEXT, INTEGER, NUMBER, BOOLEAN, TIMESTAMP, TAGS }

    public static final Set<Op> REF_OPS = EnumSet.of(Op.EQ, Op.NE, Op.IN);
    public static final Set<Op> TEXT_OPS = EnumSet.of(Op.EQ, Op.NE, Op.IN, Op.CONTAINS, Op.ICONTAINS, Op.STARTSWITH,
            Op.ISTARTSWITH, Op.ENDSWITH, Op.IENDSWITH);
    public static final Set<Op> NUMBER_OPS = EnumSet.of(Op.EQ, Op.NE, Op.IN, Op.LT, Op.LTE, Op.GT, Op.GTE);
    public static final Set<Op> TIME_OPS = EnumSet.of(Op.EQ, Op.NE, Op.LT, Op.LTE, Op.GT, Op.GTE, Op.BETWEEN);
    public static final Set<Op> TAG_OPS = EnumSet.of(Op.CONTAINS, Op.CONTAINSALL, Op.CONTAINSANY);

    public static QueryField ref(String name, String column, String resource, boolean nullable) {
        return new QueryField(name, column, Type.REF, resource, REF_OPS, true, nullable);
    }

    public static QueryField text(String name, String column, boolean nullable) {
        return new QueryField(name, column, Type.TEXT, null, TEXT_OPS, true, nullable);
    }

    public static QueryField integer(String name, String column, boolean nullable) {
        return new QueryField(name, column, Type.INTEGER, null, NUMBER_OPS, true, nullable);
    }

    public static QueryField number(String name, String column, boolean nullable) {
        return new QueryField(name, column, Type.NUMBER, null, NUMBER_OPS, true, nullable);
    }

    public static QueryField bool(String name, String column, boolean nullable) {
        return new QueryField(name, column, Type.BOOLEAN, null, REF_OPS, true, nullable);
    }

    public static QueryField timestamp(String name, String column, boolean nullable) {
        return new QueryField(name, column, Type.TIMESTAMP, null, TIME_OPS, true, nullable);
    }

    /** A sample's tags (the sample_tags link table); {@code ownerIdColumn} is the sample's id expression. */
    public static QueryField sampleTags(String name, String ownerIdColumn) {
        return new QueryField(name, ownerIdColumn, Type.TAGS, "tags", TAG_OPS, false, false);
    }
}
