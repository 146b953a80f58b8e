package org.samplesapi.support;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the organizations, users, projects, tags and samples a test needs, straight into the database, each with
 * fresh ids so tests never see each other's data. Shapes follow One Codex's (SRR filenames, sizes, tag names).
 */
public final class World {

    public record Org(String id, String externalId, String name) {
    }

    public record User(String id, String subject, String email, Org org) {
    }

    private World() {
    }

    public static String newId() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static Org org(String maxVisibility, boolean holdsPii) {
        String id = newId();
        String name = (holdsPii ? "Clinic " : "Lab ") + id.substring(0, 6);
        Db.exec("INSERT INTO organizations (id, external_id, name, max_visibility, holds_pii) VALUES (?, ?, ?, ?, ?)",
                id, "org-" + id, name, maxVisibility, holdsPii);
        return new Org(id, "org-" + id, name);
    }

    public static Org openOrg() {
        return org("public", false);
    }

    public static User user(Org org) {
        return user(org, "public", false);
    }

    /** A user with an account-level policy of their own. */
    public static User user(Org org, String maxVisibility, boolean holdsPii) {
        String id = newId();
        User user = new User(id, "sub-" + id, "user-" + id + "@example.org", org);
        Db.exec("INSERT INTO users (id, subject, email, organization_id, max_visibility, holds_pii)"
                + " VALUES (?, ?, ?, ?, ?, ?)", id, user.subject(), user.email(), org == null ? null : org.id(),
                maxVisibility, holdsPii);
        return user;
    }

    public static String project(User owner, boolean isPublic) {
        String id = newId();
        Db.exec("INSERT INTO projects (id, owner_id, name, project_name, public) VALUES (?, ?, ?, ?, ?)",
                id, owner.id(), "Project " + id, "p_" + id.substring(0, 12), isPublic);
        return id;
    }

    public static void member(String projectId, User user, String... permissions) {
        Db.exec("INSERT INTO project_members (project_id, user_id, permissions) VALUES (?, ?, ?::text[])",
                projectId, user.id(), "{" + String.join(",", permissions) + "}");
    }

    public static String tag(User owner, String name) {
        String id = newId();
        Db.exec("INSERT INTO tags (id, owner_id, name) VALUES (?, ?, ?)", id, owner.id(), name);
        return id;
    }

    public static String sample(User owner, String visibility) {
        return sample(owner, visibility, "available", null);
    }

    /** A sample with its metadata record and primary classification, in a project or not, with tags in order. */
    public static String sample(User owner, String visibility, String status, String projectId, String... tagIds) {
        String id = newId();
        String classification = newId();
        Db.exec("INSERT INTO classifications (id) VALUES (?)", classification);
        Db.exec("INSERT INTO samples (id, owner_id, project_id, primary_classification_id, filename, size, status,"
                + " visibility, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, now() - interval '2 days', now() - interval '1 day')",
                id, owner.id(), projectId, classification,
                "SRR" + (2_000_000 + ThreadLocalRandom.current().nextInt(1_000_000)) + ".fastq.gz",
                100_000_000L + ThreadLocalRandom.current().nextLong(100_000_000L), status, visibility);
        Db.exec("INSERT INTO metadata (id, sample_id, name) VALUES (?, ?, ?)", newId(), id, "Sample " + id);
        for (int i = 0; i < tagIds.length; i++) {
            Db.exec("INSERT INTO sample_tags (sample_id, tag_id, position) VALUES (?, ?, ?)", id, tagIds[i], i + 1);
        }
        return id;
    }
}
