package org.samplesapi.persistence.hibernate;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import org.hibernate.engine.spi.LoadQueryInfluencers;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.results.ResultSetMapping;
import org.hibernate.reactive.sql.results.ReactiveResultSetMapping;
import org.hibernate.reactive.sql.results.internal.ReactiveResultSetAccess;
import org.hibernate.sql.results.jdbc.spi.JdbcValuesMapping;
import org.hibernate.sql.results.jdbc.spi.JdbcValuesMetadata;

/**
 * Hibernate Reactive's mapping wrapper, equal to another when the ORM mappings they wrap are equal, and resolved once
 * per shape of result set. ORM resolves a native select's mapping against the result set on every execution (column
 * positions and types, the entity's result and the basic results), though a cached plan always runs the same SQL and
 * gets the same columns: the instance a plan keeps resolves it once and hands the resolution out again, as ORM's HQL
 * plans hand out theirs, while the result set has the columns it was resolved for.
 */
final class ComparableResultSetMapping extends ReactiveResultSetMapping {

    /** How many times a mapping was resolved against a result set, in this process. */
    static final LongAdder RESOLUTIONS = new LongAdder();

    private final ResultSetMapping delegate;
    private volatile Resolution resolution;

    /** A resolved mapping and the column labels, in order, of the result set it was resolved against. */
    private record Resolution(String[] columns, JdbcValuesMapping mapping) {

        boolean fits(JdbcValuesMetadata metadata) {
            if (metadata.getColumnCount() != columns.length) {
                return false;
            }
            for (int position = 1; position <= columns.length; position++) {
                if (!columns[position - 1].equals(metadata.resolveColumnName(position))) {
                    return false;
                }
            }
            return true;
        }

        static String[] columnsOf(JdbcValuesMetadata metadata) {
            String[] columns = new String[metadata.getColumnCount()];
            for (int position = 1; position <= columns.length; position++) {
                columns[position - 1] = metadata.resolveColumnName(position);
            }
            return columns;
        }
    }

    ComparableResultSetMapping(ResultSetMapping delegate) {
        super(delegate);
        this.delegate = delegate;
    }

    @Override
    public CompletionStage<JdbcValuesMapping> reactiveResolve(JdbcValuesMetadata metadata,
            LoadQueryInfluencers influencers, SessionFactoryImplementor sessionFactory) {
        return ((ReactiveResultSetAccess) metadata).getReactiveResultSet()
                .thenApply(resultSet -> resolve(metadata, influencers, sessionFactory));
    }

    /**
     * The resolution this mapping made before, if the result set has its columns and nothing of the session shapes the
     * results otherwise (filters, fetch profiles, an entity graph); else a new one, kept for the next execution.
     */
    @Override
    public JdbcValuesMapping resolve(JdbcValuesMetadata metadata, LoadQueryInfluencers influencers,
            SessionFactoryImplementor sessionFactory) {
        boolean plain = !influencers.hasEnabledFilters() && !influencers.hasEnabledFetchProfiles()
                && influencers.getEffectiveEntityGraph().getGraph() == null;
        Resolution known = resolution;
        if (plain && known != null && known.fits(metadata)) {
            return known.mapping();
        }
        RESOLUTIONS.increment();
        JdbcValuesMapping mapping = delegate.resolve(metadata, influencers, sessionFactory);
        if (plain) {
            resolution = new Resolution(Resolution.columnsOf(metadata), mapping);
        }
        return mapping;
    }

    /** The plan cache keeps this instance in its key; Hibernate Reactive's own would be incomparable again. */
    @Override
    public ResultSetMapping cacheKeyInstance() {
        return new ComparableResultSetMapping(delegate.cacheKeyInstance());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ComparableResultSetMapping that && delegate.equals(that.delegate);
    }

    @Override
    public int hashCode() {
        return delegate.hashCode();
    }
}
