package org.samplesapi.classifications;


import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.Columns;
import org.samplesapi.persistence.SqlParams;
import org.samplesapi.persistence.NativeQueries;
import org.samplesapi.policy.Caller;
import org.samplesapi.persistence.SampleScope;
import org.samplesapi.web.Ref;
import org.samplesapi.web.Refs;
import org.samplesapi.web.Timestamps;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Classifications: readable when a sample the caller may read refers to one. */
@ApplicationScoped
public class ClassificationRepository {

    @WithSession
    public Uni<ClassificationView> visibleTo(Caller caller, String classificationId) {
        SqlParams binder = new SqlParams();
        String sql = "SELECT c.id, c.created_at, s.id FROM classifications c"
                + " JOIN samples s ON s.primary_classification_id = c.id"
                + " WHERE c.id = " + binder.bind(classificationId) + " AND " + SampleScope.READABLE.filter(caller, binder::bind)
                + " LIMIT 1";
        return NativeQueries.one(sql, binder.params()).map(row -> {
            if (row == null) {
                return null;
            }
            Columns c = new Columns(row);
            return new ClassificationView(Refs.uri("classifications", c.string()), Timestamps.format(c.instant()),
                    Ref.to("samples", c.string()));
        });
    }
}
