package org.samplesapi.persistence;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;
import org.samplesapi.persistence.hibernate.ComparableResultSetMappings;
import org.samplesapi.support.Tokens;
import org.samplesapi.support.World;
import org.samplesapi.support.World.User;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Hibernate Reactive's native-select plan-cache defect (docs/hibernate-reactive-plan-cache.md), fixed by
 * ComparableResultSetMappings: the same native select, executed again and again, is planned once and found again,
 * rather than parsed on every execution or added to the cache per execution.
 */
@QuarkusTest
class QueryPlanCacheHttpTest {

    @Test
    void aNativeSelectRunFiftyTimesAddsAtMostOnePlan() throws Exception {
        User owner = World.user(World.openOrg());
        String project = World.project(owner, false);
        String token = Tokens.of(owner);
        given().auth().oauth2(token).get("/api/v1/projects/{id}", project).then().statusCode(200);
        int before = cachedPlans();
        assertTrue(before >= 1, "the plan cache holds no plan: the select is parsed on every execution");
        for (int i = 0; i < 50; i++) {
            given().auth().oauth2(token).get("/api/v1/projects/{id}", project).then().statusCode(200);
        }
        int after = cachedPlans();
        assertTrue(after <= before + 1, "the plan cache grew from " + before + " to " + after + " plans");
    }

    /**
     * A cached plan resolves its result-set mapping (the sample entity and the context's columns) once, not on every
     * execution: fifty GETs of a sample add at most one resolution per statement they run.
     */
    @Test
    void aNativeSelectRunFiftyTimesResolvesItsMappingOnce() {
        User owner = World.user(World.openOrg());
        String sample = World.sample(owner, "private");
        String token = Tokens.of(owner);
        given().auth().oauth2(token).get("/api/v1/samples/{id}", sample).then().statusCode(200);
        long before = ComparableResultSetMappings.resolutions();
        for (int i = 0; i < 50; i++) {
            given().auth().oauth2(token).get("/api/v1/samples/{id}", sample).then().statusCode(200);
        }
        long resolved = ComparableResultSetMappings.resolutions() - before;
        assertTrue(resolved <= 2, "50 GETs resolved result-set mappings " + resolved + " times");
    }

    /** The number of query plans Hibernate holds, read from the session factory behind the Mutiny one. */
    private static int cachedPlans() throws ReflectiveOperationException {
        Object factory = ClientProxy.unwrap(Arc.container().instance(Mutiny.SessionFactory.class).get());
        Field delegate = factory.getClass().getDeclaredField("delegate");
        delegate.setAccessible(true);
        return ((SessionFactoryImplementor) delegate.get(factory)).getQueryEngine().getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }
}
