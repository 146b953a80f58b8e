package org.samplesapi.samples;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samplesapi.support.Api.patch;
import static org.samplesapi.support.Api.refusedWithoutChange;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;

/** PATCH of visibility: ownership, account and organization policies, and the audit event of every change. */
@QuarkusTest
class PatchVisibilityHttpTest {

    private final Org openOrg = World.openOrg();
    private final User owner = World.user(openOrg);

    @Test
    void ownerMakesSamplePublicAndTheChangeIsAudited() {
        String id = World.sample(owner, "private");
        patch(Tokens.of(owner), id, "{\"visibility\": \"public\"}")
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("visibility", equalTo("public"))
                .body("$uri", equalTo("/api/v1/samples/" + id));
        assertEquals("public", Db.value("SELECT visibility FROM samples WHERE id = ?", id));
        assertEquals("2", Db.value("SELECT version FROM samples WHERE id = ?", id));
        assertEquals("visibility|private|public|" + owner.id(), Db.value(
                "SELECT field || '|' || old_value || '|' || new_value || '|' || actor_id FROM audit_events"
                        + " WHERE sample_id = ?", id));
    }

    @Test
    void piiOrganizationCannotShareOrPublish() {
        Org clinic = World.org("public", true);
        User doctor = World.user(clinic);
        String id = World.sample(doctor, "private");
        for (String visibility : new String[] {"shared", "public"}) {
            refusedWithoutChange(id, () -> patch(Tokens.of(doctor), id, "{\"visibility\": \"" + visibility + "\"}"))
                    .statusCode(403)
                    .body("status", equalTo(403))
                    .body("code", equalTo("org_policy_violation"))
                    .body("message", containsString(clinic.name()))
                    .body("message", containsString("PII"));
        }
    }

    @Test
    void makingASampleMorePrivateIsAlwaysAllowed() {
        Org clinic = World.org("public", true);
        User doctor = World.user(clinic, "private", true);
        String id = World.sample(doctor, "public");
        patch(Tokens.of(doctor), id, "{\"visibility\": \"shared\"}").statusCode(200).body("visibility", equalTo("shared"));
        patch(Tokens.of(doctor), id, "{\"visibility\": \"private\"}").statusCode(200).body("visibility", equalTo("private"));
        assertEquals(2, Db.count("SELECT count(*) FROM audit_events WHERE sample_id = ?", id));
    }

    @Test
    void tagsCanBeChangedInAPiiOrganization() {
        Org clinic = World.org("public", true);
        User doctor = World.user(clinic);
        String tag = World.tag(doctor, "WGS");
        String id = World.sample(doctor, "private");
        patch(Tokens.of(doctor), id, "{\"tags\": [{\"$ref\": \"/api/v1/tags/" + tag + "\"}]}")
                .statusCode(200)
                .body("tags[0].$ref", equalTo("/api/v1/tags/" + tag));
    }

    @Test
    void organizationRestrictedToSharedAllowsSharedButNotPublic() {
        Org lab = World.org("shared", false);
        User member = World.user(lab);
        String id = World.sample(member, "private");
        refusedWithoutChange(id, () -> patch(Tokens.of(member), id, "{\"visibility\": \"public\"}"))
                .statusCode(403)
                .body("code", equalTo("org_policy_violation"))
                .body("message", containsString("at most shared"));
        patch(Tokens.of(member), id, "{\"visibility\": \"shared\"}").statusCode(200).body("visibility", equalTo("shared"));
    }

    @Test
    void accountPolicyRestrictsItsOwnerInAnOpenOrganization() {
        User careful = World.user(openOrg, "private", false);
        String id = World.sample(careful, "private");
        refusedWithoutChange(id, () -> patch(Tokens.of(careful), id, "{\"visibility\": \"shared\"}"))
                .statusCode(403)
                .body("code", equalTo("account_policy_violation"))
                .body("message", containsString(careful.email()));
    }

    @Test
    void theMoreRestrictivePolicyIsTheOneReported() {
        Org sharedOnly = World.org("shared", false);
        User privateAccount = World.user(sharedOnly, "private", false);
        String first = World.sample(privateAccount, "private");
        refusedWithoutChange(first, () -> patch(Tokens.of(privateAccount), first, "{\"visibility\": \"public\"}"))
                .statusCode(403).body("code", equalTo("account_policy_violation"));

        Org clinic = World.org("public", true);
        User sharedAccount = World.user(clinic, "shared", false);
        String second = World.sample(sharedAccount, "private");
        refusedWithoutChange(second, () -> patch(Tokens.of(sharedAccount), second, "{\"visibility\": \"shared\"}"))
                .statusCode(403).body("code", equalTo("org_policy_violation"));
    }

    @Test
    void policyOfTheOwnerAppliesWhenAnOrgAdminChangesTheSample() {
        Org clinic = World.org("public", true);
        User doctor = World.user(clinic);
        User admin = World.user(clinic);
        String id = World.sample(doctor, "private");
        refusedWithoutChange(id, () -> patch(Tokens.admin(admin), id, "{\"visibility\": \"public\"}"))
                .statusCode(403).body("code", equalTo("org_policy_violation"));
    }

    @Test
    void orgAdminMayChangeAMembersSample() {
        User admin = World.user(openOrg);
        String id = World.sample(owner, "private");
        patch(Tokens.admin(admin), id, "{\"visibility\": \"shared\"}").statusCode(200);
        assertEquals(admin.id(), Db.value("SELECT actor_id FROM audit_events WHERE sample_id = ?", id));
    }

    @Test
    void aColleagueWhoCanReadButNotModifyGets403() {
        User colleague = World.user(openOrg);
        String id = World.sample(owner, "shared");
        refusedWithoutChange(id, () -> patch(Tokens.of(colleague), id, "{\"visibility\": \"private\"}"))
                .statusCode(403)
                .body("code", equalTo("not_sample_owner"));
    }

    @Test
    void anAdminOfAnotherOrganizationIsAStranger() {
        User foreignAdmin = World.user(World.openOrg());
        String secret = World.sample(owner, "private");
        String open = World.sample(owner, "public");
        refusedWithoutChange(secret, () -> patch(Tokens.admin(foreignAdmin), secret, "{\"visibility\": \"public\"}"))
                .statusCode(404).body("code", equalTo("not_found"));
        refusedWithoutChange(open, () -> patch(Tokens.admin(foreignAdmin), open, "{\"visibility\": \"private\"}"))
                .statusCode(403).body("code", equalTo("not_sample_owner"));
    }

    @Test
    void aTokenWithoutOrganizationCannotEscapeThePiiPolicy() {
        Org clinic = World.org("public", true);
        User doctor = World.user(clinic);
        String id = World.sample(doctor, "private");
        String noOrgClaim = Tokens.sign(Tokens.claims(new User(doctor.id(), doctor.subject(), doctor.email(), null)));
        refusedWithoutChange(id, () -> patch(noOrgClaim, id, "{\"visibility\": \"public\"}"))
                .statusCode(403)
                .body("code", equalTo("org_policy_violation"));
        assertEquals(clinic.id(), Db.value("SELECT organization_id FROM users WHERE id = ?", doctor.id()));
    }

    @Test
    void anAdminRoleWithoutOrganizationClaimAdministersNothing() {
        User admin = World.user(openOrg);
        String id = World.sample(owner, "private");
        String adminWithoutOrg = Tokens.sign(Tokens.claims(new User(admin.id(), admin.subject(), admin.email(), null))
                .groups(java.util.Set.of("org_admin")));
        refusedWithoutChange(id, () -> patch(adminWithoutOrg, id, "{\"visibility\": \"shared\"}"))
                .statusCode(404);
    }

    @Test
    void aUserWithoutOrganizationManagesTheirOwnSamples() {
        User independent = World.user(null);
        String id = World.sample(independent, "private");
        patch(Tokens.of(independent), id, "{\"visibility\": \"public\"}").statusCode(200);
    }

    @Test
    void deletedSamplesCannotBePatched() {
        String id = World.sample(owner, "private", "deleted", null);
        refusedWithoutChange(id, () -> patch(Tokens.of(owner), id, "{\"visibility\": \"shared\"}"))
                .statusCode(404)
                .body("code", equalTo("not_found"));
    }

    @Test
    void aMemberOfTheSamplesProjectCanReadButNotModify() {
        User guest = World.user(World.openOrg());
        String project = World.project(owner, false);
        World.member(project, guest, "can_see_files", "can_add_files", "can_edit_metadata");
        String id = World.sample(owner, "shared", "available", project);
        refusedWithoutChange(id, () -> patch(Tokens.of(guest), id, "{\"visibility\": \"private\"}"))
                .statusCode(403)
                .body("code", equalTo("not_sample_owner"));
    }

    @Test
    void unchangedVisibilityIsNotAChange() {
        String id = World.sample(owner, "shared");
        patch(Tokens.of(owner), id, "{\"visibility\": \"shared\"}").statusCode(200).header("ETag", "\"1\"");
        assertEquals(0, Db.count("SELECT count(*) FROM audit_events WHERE sample_id = ?", id));
    }
}
