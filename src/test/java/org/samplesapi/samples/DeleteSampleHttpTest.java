package org.samplesapi.samples;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.samplesapi.support.Api.refusedWithoutChange;

import org.junit.jupiter.api.Test;
import org.samplesapi.support.Db;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.Org;
import org.samplesapi.support.World.User;

import io.quarkus.test.junit.QuarkusTest;

/** DELETE /api/v1/samples/{id}: a soft delete by the owner or an org admin, audited; gone for everyone after. */
@QuarkusTest
class DeleteSampleHttpTest {

    private final Org org = World.openOrg();
    private final User owner = World.user(org);

    @Test
    void theOwnerDeletesAndTheSampleIsGone() {
        String id = World.sample(owner, "public");
        given().auth().oauth2(Tokens.of(owner)).delete("/api/v1/samples/{id}", id).then().statusCode(204);
        assertEquals("deleted", Db.value("SELECT status FROM samples WHERE id = ?", id));
        assertEquals("status|available|deleted|" + owner.id(), Db.value("SELECT field || '|' || old_value || '|'"
                + " || new_value || '|' || actor_id FROM audit_events WHERE sample_id = ?", id));
        given().auth().oauth2(Tokens.of(owner)).get("/api/v1/samples/{id}", id).then().statusCode(404);
        given().auth().oauth2(Tokens.of(owner)).delete("/api/v1/samples/{id}", id).then().statusCode(404);
    }

    @Test
    void anOrgAdminMayDeleteAMembersSample() {
        String id = World.sample(owner, "private");
        given().auth().oauth2(Tokens.admin(World.user(org))).delete("/api/v1/samples/{id}", id).then().statusCode(204);
        assertEquals("deleted", Db.value("SELECT status FROM samples WHERE id = ?", id));
    }

    @Test
    void othersAreRefusedAndNothingChanges() {
        String shared = World.sample(owner, "shared");
        String secret = World.sample(owner, "private");
        refusedWithoutChange(shared, () -> given().auth().oauth2(Tokens.of(World.user(org)))
                .delete("/api/v1/samples/{id}", shared).then())
                .statusCode(403).body("code", equalTo("not_sample_owner"));
        refusedWithoutChange(secret, () -> given().auth().oauth2(Tokens.of(World.user(World.openOrg())))
                .delete("/api/v1/samples/{id}", secret).then())
                .statusCode(404).body("code", equalTo("not_found"));
    }
}
