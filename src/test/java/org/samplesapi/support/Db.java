package org.samplesapi.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct access to the test database as the superuser, for seeding and for checking what a request did (or did not)
 * write. Blocking JDBC is fine here: it runs on the test thread, never on the service's event loop.
 */
public final class Db {

    private Db() {
    }

    // One autocommit connection per test thread, kept open: a PostgreSQL connection costs a process start, and the
    // denial tests take a snapshot before and after every request.
    private static final ThreadLocal<Connection> CONNECTION = new ThreadLocal<>();

    private static Connection connection() throws SQLException {
        Connection c = CONNECTION.get();
        if (c == null || c.isClosed()) {
            c = DriverManager.getConnection(System.getProperty(EmbeddedPostgresResource.SUPERUSER_URL_PROPERTY));
            CONNECTION.set(c);
        }
        return c;
    }

    public static int exec(String sql, Object... params) {
        try (PreparedStatement s = prepare(connection(), sql, params)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs a script of several statements (simple query protocol), e.g. a migration or the demo data. */
    public static void script(String sql) {
        try (java.sql.Statement s = connection().createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("script failed", e);
        }
    }

    /** The first column of every row, as text. */
    public static List<String> column(String sql, Object... params) {
        try (PreparedStatement s = prepare(connection(), sql, params); ResultSet rs = s.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static String value(String sql, Object... params) {
        List<String> values = column(sql, params);
        return values.isEmpty() ? null : values.get(0);
    }

    public static long count(String sql, Object... params) {
        return Long.parseLong(value(sql, params));
    }

    /**
     * Everything a PATCH of this sample could touch: the sample row, its tag links, and its audit events, as one
     * text. Denial tests compare it before and after to prove nothing was written.
     */
    public static String sampleSnapshot(String sampleId) {
        return value("""
                SELECT concat_ws(' | ',
                  (SELECT row_to_json(s)::text FROM samples s WHERE s.id = ?),
                  (SELECT coalesce(string_agg(tag_id || '@' || position, ',' ORDER BY position), '')
                     FROM sample_tags WHERE sample_id = ?),
                  (SELECT coalesce(json_agg(a ORDER BY a.id)::text, '[]') FROM audit_events a WHERE a.sample_id = ?))
                """, sampleId, sampleId, sampleId);
    }

    /**
     * Everything a policy change of this organization could touch: its row, its policy events, and every sample of
     * its members with its audit events. Denial tests compare it before and after.
     */
    public static String organizationSnapshot(String organizationId) {
        return value("""
                SELECT concat_ws(' | ',
                  (SELECT row_to_json(o)::text FROM organizations o WHERE o.id = ?),
                  (SELECT coalesce(json_agg(p ORDER BY p.seq)::text, '[]') FROM policy_events p
                    WHERE p.organization_id = ?),
                  (SELECT coalesce(string_agg(s.id || ':' || s.visibility || ':' || s.version, ',' ORDER BY s.id), '')
                     FROM samples s JOIN users u ON u.id = s.owner_id WHERE u.organization_id = ?),
                  (SELECT count(*)::text FROM audit_events a JOIN samples s ON s.id = a.sample_id
                     JOIN users u ON u.id = s.owner_id WHERE u.organization_id = ?))
                """, organizationId, organizationId, organizationId, organizationId);
    }

    /** The same for an account: its row, its policy events, its samples and their audit events. */
    public static String accountSnapshot(String userId) {
        return value("""
                SELECT concat_ws(' | ',
                  (SELECT row_to_json(u)::text FROM users u WHERE u.id = ?),
                  (SELECT coalesce(json_agg(p ORDER BY p.seq)::text, '[]') FROM policy_events p WHERE p.account_id = ?),
                  (SELECT coalesce(string_agg(s.id || ':' || s.visibility || ':' || s.version, ',' ORDER BY s.id), '')
                     FROM samples s WHERE s.owner_id = ?),
                  (SELECT count(*)::text FROM audit_events a JOIN samples s ON s.id = a.sample_id WHERE s.owner_id = ?))
                """, userId, userId, userId, userId);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }
}
