package org.samplesapi.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samplesapi.support.Api.get;
import static org.samplesapi.support.Api.patch;
import static org.samplesapi.support.Api.refusedWithoutChange;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What a token may say about its caller's organization and roles, and what it may not do with it: move a user out
 * of the organization whose policy governs their samples, create an organization that fails open, pad or re-case an
 * organization's name, or top up its roles from a second claim.
 */
@QuarkusTest
class OrganizationClaimHttpTest {

    private final Org clinic = World.org("private", true);
    private final User doctor = World.user(clinic);
    private final String record = World.sample(doctor, "private");

    /** Everything first sight of a token could write: the caller's user row and every organization. */
    private String identityRows(User user) {
        return Db.value("SELECT concat_ws(' | ', (SELECT row_to_json(u)::text FROM users u WHERE u.subject = ?),"
                + " (SELECT count(*) FROM organizations))", user.subject());
    }

    private static String tokenNaming(User user, String organization) {
        return Tokens.sign(Tokens.claims(user).claim("org_id", organization));
    }

    @Test
    void aTokenNamingAnotherOrganizationIsRefusedAndMovesNothing() {
        String escape = tokenNaming(doctor, "org-" + World.newId());
        String stranger = Tokens.of(World.user(World.openOrg()));
        String clinicAdmin = Tokens.admin(World.user(clinic));
        String before = identityRows(doctor);
        refusedWithoutChange(record, () -> patch(escape, record, "{\"visibility\": \"public\"}"))
                .statusCode(403)
                .body("code", equalTo("organization_changed"));
        refusedWithoutChange(record, () -> get(escape, record)).statusCode(403);
        assertEquals(before, identityRows(doctor), "the refused token moved the user or created an organization");
        // The sample stays under the clinic's rule: private, unreadable to strangers, administered by its admin.
        get(stranger, record).statusCode(404);
        get(clinicAdmin, record).statusCode(200);
        // The same organization with another case is another organization: refused the same way.
        refusedWithoutChange(record, () -> patch(tokenNaming(doctor, clinic.externalId().toUpperCase()), record,
                "{\"visibility\": \"shared\"}")).statusCode(403).body("code", equalTo("organization_changed"));
        assertEquals(before, identityRows(doctor));
        // The organization on record, or none at all, still works (none: the record's policy still applies).
        patch(Tokens.of(doctor), record, "{\"tags\": []}").statusCode(200);
        String noOrganization = Tokens.sign(Tokens.claims(new User(doctor.id(), doctor.subject(), doctor.email(),
                null)));
        patch(noOrganization, record, "{\"visibility\": \"shared\"}").statusCode(403)
                .body("code", equalTo("org_policy_violation"));
    }

    /**
     * A user without an organization may join one, and joining binds what they already shared, as a tightening does:
     * once it commits, none of the organization's samples is readable above its cap, whoever shared it and when.
     */
    @Test
    void joiningAnOrganizationBindsWhatTheNewMemberAlreadyShared() {
        Org lab = World.org("shared", false);
        User loner = World.user(null);
        User nomad = World.user(null);
        String published = World.sample(loner, "public");
        String shared = World.sample(loner, "shared");
        String kept = World.sample(loner, "private");
        String nomads = World.sample(nomad, "public");
        String stranger = Tokens.of(World.user(World.openOrg()));
        get(stranger, published).statusCode(200);
        String keptBefore = Db.sampleSnapshot(kept);

        given().auth().oauth2(tokenNaming(loner, clinic.externalId())).get("/api/v1/account").then().statusCode(200);
        given().auth().oauth2(tokenNaming(nomad, lab.externalId())).get("/api/v1/account").then().statusCode(200);

        assertEquals(clinic.id(), Db.value("SELECT organization_id FROM users WHERE id = ?", loner.id()));
        assertEquals("private", Db.value("SELECT visibility FROM samples WHERE id = ?", published));
        assertEquals("private", Db.value("SELECT visibility FROM samples WHERE id = ?", shared));
        assertEquals(keptBefore, Db.sampleSnapshot(kept), "a sample already within the cap was touched");
        get(stranger, published).statusCode(404);
        get(Tokens.of(World.user(World.openOrg())), nomads).statusCode(404);
        assertEquals("shared", Db.value("SELECT visibility FROM samples WHERE id = ?", nomads), "the lab caps at shared");
        // Each lowering is audited, by the member whose token joined, in that request.
        assertEquals(List.of("public>private|" + loner.id()), Db.column("SELECT old_value || '>' || new_value || '|'"
                + " || actor_id FROM audit_events WHERE sample_id = ? AND request_id IS NOT NULL", published));
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE sample_id = ?", shared));
        assertEquals(0, Db.count("SELECT count(*) FROM samples s JOIN users u ON u.id = s.owner_id"
                + " WHERE u.organization_id = ? AND s.visibility <> 'private'", clinic.id()));
        // The join itself is on record, on the account and on the organization, and caused the lowering.
        String join = Db.value("SELECT id FROM policy_events WHERE account_id = ? AND field = 'organization'"
                + " AND old_value IS NULL AND new_value = ? AND actor_id = ?", loner.id(), clinic.id(), loner.id());
        assertEquals(join, Db.value("SELECT policy_event_id FROM audit_events WHERE sample_id = ?", published));
        assertEquals(1, Db.count("SELECT count(*) FROM policy_events WHERE organization_id = ? AND member_id = ?"
                + " AND field = 'organization' AND new_value = ?", clinic.id(), loner.id(), clinic.id()));
        // A join that lowers nothing is recorded too.
        assertEquals(2, Db.count("SELECT count(*) FROM policy_events WHERE (account_id = ? OR member_id = ?)"
                + " AND field = 'organization' AND new_value = ?", nomad.id(), nomad.id(), lab.id()));
        given().auth().oauth2(Tokens.of(nomad)).get("/api/v1/account/events").then().statusCode(200)
                .body("field", org.hamcrest.Matchers.contains("organization"))
                .body("[0].new_value", equalTo("/api/v1/organizations/" + lab.id()));
    }

    /**
     * What a replica remembers of a user holds only until any replica announces that who governs a user changed: here
     * the move is made in the database by another process, and announced as a replica would.
     */
    @Test
    void aMoveAnnouncedByAnotherReplicaIsHeardAtOnce() throws Exception {
        Org lab = World.openOrg();
        User admin = World.user(lab);
        String sample = World.sample(World.user(lab), "private");
        String token = Tokens.admin(admin);
        get(token, sample).statusCode(200);
        Db.exec("UPDATE users SET organization_id = ? WHERE id = ?", World.openOrg().id(), admin.id());
        get(token, sample).statusCode(200); // remembered here, as nobody announced the move
        Db.value("SELECT pg_notify('samples_governance', ?)", admin.id());
        String before = Db.sampleSnapshot(sample);
        for (int i = 0; ; i++) { // the notice arrives asynchronously, within moments
            int status = get(token, sample).extract().statusCode();
            if (status == 403 || i == 100) {
                assertEquals(403, status, "the announced move was not heard");
                break;
            }
            Thread.sleep(100);
        }
        given().auth().oauth2(token).get("/api/v1/account").then().statusCode(403)
                .body("code", equalTo("organization_changed"));
        assertEquals(before, Db.sampleSnapshot(sample));
    }

    @Test
    void organizationsAndAccountsFirstSeenInATokenMayNotPublish() {
        User newcomer = new User(null, "sub-" + World.newId(), "new-" + World.newId() + "@example.org",
                new Org(null, "org-" + World.newId(), null));
        String token = Tokens.of(newcomer);
        given().auth().oauth2(token).get("/api/v1/account").then().statusCode(200);
        assertEquals("shared|false", Db.value("SELECT max_visibility || '|' || holds_pii FROM organizations"
                + " WHERE external_id = ?", newcomer.org().externalId()), "a new organization's policy");
        assertEquals("shared|false", Db.value("SELECT max_visibility || '|' || holds_pii FROM users"
                + " WHERE subject = ?", newcomer.subject()), "a new account's policy");
        String userId = Db.value("SELECT id FROM users WHERE subject = ?", newcomer.subject());
        String sample = World.sample(new User(userId, newcomer.subject(), newcomer.email(), newcomer.org()),
                "private");
        refusedWithoutChange(sample, () -> patch(token, sample, "{\"visibility\": \"public\"}")).statusCode(403)
                .body("code", equalTo("org_policy_violation"));
        patch(token, sample, "{\"visibility\": \"shared\"}").statusCode(200);
    }

    @Test
    void aPaddedOrEmptyOrganizationClaimIs401AndWritesNothing() {
        User stranger = new User(null, "sub-" + World.newId(), "x@example.org", null);
        for (String organization : List.of(" " + clinic.externalId(), clinic.externalId() + " ", "", " ")) {
            String before = identityRows(stranger);
            given().auth().oauth2(tokenNaming(stranger, organization)).get("/api/v1/account").then()
                    .statusCode(401).body("status", equalTo(401));
            assertEquals(before, identityRows(stranger), "'" + organization + "'");
            refusedWithoutChange(record, () -> patch(tokenNaming(doctor, organization), record,
                    "{\"visibility\": \"shared\"}")).statusCode(401);
        }
    }

    @Test
    void rolesComeFromTheFirstClaimThatHasAnyNeverFromSeveral() {
        Org lab = World.openOrg();
        User member = World.user(lab);
        String secret = World.sample(member, "private");
        User colleague = World.user(lab);
        Map<String, String> notAdmin = Map.of(
                "groups without the role, realm roles with it", Tokens.sign(Tokens.claims(colleague)
                        .groups(Set.of("user")).claim("realm_access", Map.of("roles", List.of("org_admin")))),
                "a string claim is one role, not split on spaces", Tokens.sign(Tokens.claims(colleague)
                        .claim("groups", "user org_admin")));
        notAdmin.forEach((what, token) -> refusedWithoutChange(secret, () -> patch(token, secret,
                "{\"visibility\": \"shared\"}")).statusCode(404));
        // Without groups, the realm roles are the roles.
        String realmAdmin = Tokens.sign(Tokens.claims(colleague).remove("groups")
                .claim("realm_access", Map.of("roles", List.of("org_admin"))));
        patch(realmAdmin, secret, "{\"visibility\": \"shared\"}").statusCode(200);
    }
}
