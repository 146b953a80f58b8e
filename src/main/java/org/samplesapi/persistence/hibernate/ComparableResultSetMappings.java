package org.samplesapi.persistence.hibernate;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.results.ResultSetMapping;
import org.hibernate.query.results.internal.ResultSetMappingImpl;
import org.hibernate.reactive.provider.service.ReactiveValuesMappingProducerProvider;

/**
 * Hibernate Reactive's producer of result-set mappings, with mappings that can be found again in the query plan cache
 * (docs/hibernate-reactive-plan-cache.md). Hibernate Reactive wraps each native select's mapping in a new
 * {@code ReactiveResultSetMapping} without {@code equals}, so a cached plan never matches a later execution of the same
 * statement: the cache fills with dead plans and every execution parses its SQL again. This provider builds the same
 * mapping as Hibernate Reactive's, in a wrapper with value equality (the fix upstream needs), which a cached plan then
 * resolves against its result set once instead of on every execution.
 */
public final class ComparableResultSetMappings extends ReactiveValuesMappingProducerProvider {

    /** How many times a native select's mapping was resolved against its result set: for diagnostics and tests. */
    public static long resolutions() {
        return ComparableResultSetMapping.RESOLUTIONS.sum();
    }

    @Override
    public ResultSetMapping buildResultSetMapping(String name, boolean isDynamic,
            SessionFactoryImplementor sessionFactory) {
        return new ComparableResultSetMapping(new ResultSetMappingImpl(name, isDynamic));
    }
}
