package org.samplesapi.users;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.persistence.Columns;
import org.samplesapi.persistence.GovernanceChannel;
import org.samplesapi.persistence.SqlParams;
import org.samplesapi.persistence.NativeQueries;
import org.samplesapi.policy.Caller;
import org.samplesapi.persistence.SampleScope;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Users as others see them. Visible: oneself, members of one's organization, people one shares a project with,
 * and the owners of samples one may read (so every sample's {@code owner} reference resolves).
 */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, String> {

    private static final String PROJECT_PEOPLE =
            "(SELECT id AS project_id, owner_id AS user_id FROM projects"
                    + " UNION ALL SELECT project_id, user_id FROM project_members)";

    /** Tells every replica, when the current transaction commits, that who governs this user changed. */
    public Uni<Void> announceGovernanceChange(String userId) {
        return NativeQueries.count(GovernanceChannel.NOTIFY_SQL, java.util.Map.of("user", userId)).replaceWithVoid();
    }

    @WithSession
    public Uni<UserView> visibleTo(Caller caller, String userId) {
        SqlParams binder = new SqlParams();
        String me = binder.bind(caller.userId());
        String sql = "SELECT u.id, u.email, u.username FROM users u WHERE u.id = " + binder.bind(userId)
                + " AND (u.id = " + me
                + " OR u.organization_id = " + binder.bind(caller.organizationId() == null ? "" : caller.organizationId())
                + " OR EXISTS (SELECT 1 FROM " + PROJECT_PEOPLE + " x JOIN " + PROJECT_PEOPLE
                + " y ON y.project_id = x.project_id WHERE x.user_id = u.id AND y.user_id = " + me + ")"
                + " OR EXISTS (SELECT 1 FROM samples s WHERE s.owner_id = u.id AND "
                + SampleScope.READABLE.filter(caller, binder::bind) + "))";
        return NativeQueries.one(sql, binder.params()).map(row -> {
            if (row == null) {
                return null;
            }
            Columns c = new Columns(row);
            return UserView.of(c.string(), c.string(), c.string());
        });
    }
}
