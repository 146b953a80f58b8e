package org.samplesapi.persistence.hibernate;

import org.hibernate.query.results.ResultSetMapping;
import org.hibernate.reactive.sql.results.ReactiveResultSetMapping;

/** Hibernate Reactive's mapping wrapper, equal to another when the ORM mappings they wrap are equal. */
final class ComparableResultSetMapping extends ReactiveResultSetMapping {

    private final ResultSetMapping delegate;

    ComparableResultSetMapping(ResultSetMapping delegate) {
        super(delegate);
        this.delegate = delegate;
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
