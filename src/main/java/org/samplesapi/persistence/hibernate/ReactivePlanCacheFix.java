package org.samplesapi.persistence.hibernate;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.service.spi.ServiceContributor;
import org.hibernate.sql.results.jdbc.spi.JdbcValuesMappingProducerProvider;

/**
 * Replaces Hibernate Reactive's result-set mapping producer with {@link ComparableResultSetMappings}. Quarkus applies
 * service contributors found through {@code META-INF/services} when it boots the persistence unit, and a provided
 * service takes precedence over the initiator of the same role.
 */
public final class ReactivePlanCacheFix implements ServiceContributor {

    @Override
    public void contribute(StandardServiceRegistryBuilder registry) {
        registry.addService(JdbcValuesMappingProducerProvider.class, new ComparableResultSetMappings());
    }
}
