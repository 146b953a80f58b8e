package org.samplesapi.tags;

import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.Columns;
import org.samplesapi.persistence.SqlParams;
import org.samplesapi.persistence.Ids;
import org.samplesapi.persistence.NativeQueries;
import org.samplesapi.policy.Caller;
import org.samplesapi.persistence.SampleScope;
import org.samplesapi.web.query.ListSource;
import org.samplesapi.web.query.QueryField;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Tags as the caller sees them. Visible: one's own, those of one's organization (the ones a PATCH may attach), and
 * those on any sample one may read (so every sample's {@code tags} references resolve).
 */
@ApplicationScoped
public class TagRepository {

    /** Tags are listed by name; {@code $uri} and {@code name} filter and sort, as the hyper-schema says. */
    static final ListSource SOURCE = new ListSource("t.id, t.name", 2, "tags t JOIN users tu ON tu.id = t.owner_id",
            "t.id", Map.of("$uri", QueryField.ref("$uri", "t.id", "tags", false),
                    "name", QueryField.text("name", "t.name", false)), "{\"name\": false}");

    /** Which tags the caller sees, as SQL over {@code tags t JOIN users tu} (the tag's owner). */
    static String visible(Caller caller, Function<Object, String> bind) {
        return "(t.owner_id = " + bind.apply(caller.userId())
                + " OR tu.organization_id = " + bind.apply(caller.organizationId() == null ? "" : caller.organizationId())
                + " OR EXISTS (SELECT 1 FROM sample_tags st JOIN samples s ON s.id = st.sample_id WHERE st.tag_id = t.id"
                + " AND "
                + SampleScope.READABLE.filter(caller, bind) + "))";
    }

    @WithSession
    public Uni<TagView> visibleTo(Caller caller, String tagId) {
        SqlParams binder = new SqlParams();
        String sql = "SELECT t.id, t.name FROM tags t JOIN users tu ON tu.id = t.owner_id WHERE t.id = "
                + binder.bind(tagId) + " AND " + visible(caller, binder::bind);
        return NativeQueries.one(sql, binder.params()).map(row -> row == null ? null : TagView.read(new Columns(row)));
    }

    /** The caller's tag of that name, created if they have none (two requests at once still make one). */
    public Uni<String> ownTag(Caller caller, String name) {
        return getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO tags (id, owner_id, name) VALUES (:id, :owner, :name)
                        ON CONFLICT (owner_id, name) DO UPDATE SET name = EXCLUDED.name
                        RETURNING id, name""", Object[].class)
                .setParameter("id", Ids.newId())
                .setParameter("owner", caller.userId())
                .setParameter("name", name)
                .getSingleResult()
                .map(row -> (String) row[0]));
    }

    private static Uni<Mutiny.Session> getSession() {
        return Panache.getSession();
    }
}
