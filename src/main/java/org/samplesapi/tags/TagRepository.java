package org.samplesapi.tags;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.Columns;
import org.samplesapi.persistence.NativeQueries;
import org.samplesapi.policy.Caller;
import org.samplesapi.samples.SampleScope;
import org.samplesapi.web.Refs;
import org.samplesapi.web.query.QueryCompiler;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Tags as the caller sees them. Visible: one's own, those of one's organization (the ones a PATCH may attach), and
 * those on any sample one may read (so every sample's {@code tags} references resolve).
 */
@ApplicationScoped
public class TagRepository {

    @WithSession
    public Uni<TagView> visibleTo(Caller caller, String tagId) {
        QueryCompiler binder = new QueryCompiler(Map.of());
        String sql = "SELECT t.id, t.name FROM tags t JOIN users tu ON tu.id = t.owner_id WHERE t.id = "
                + binder.bind(tagId) + " AND (t.owner_id = " + binder.bind(caller.userId())
                + " OR tu.organization_id = " + binder.bind(caller.organizationId() == null ? "" : caller.organizationId())
                + " OR EXISTS (SELECT 1 FROM sample_tags st JOIN samples s ON s.id = st.sample_id"
                + " JOIN users ow ON ow.id = s.owner_id WHERE st.tag_id = t.id AND "
                + SampleScope.READABLE.filter(caller, binder) + "))";
        return NativeQueries.one(sql, binder.params()).map(row -> {
            if (row == null) {
                return null;
            }
            Columns c = new Columns(row);
            return new TagView(Refs.uri("tags", c.string()), c.string());
        });
    }
}
