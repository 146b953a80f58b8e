package org.samplesapi.persistence;

import java.util.Map;

import org.samplesapi.policy.PolicyHolder;

import io.smallrye.mutiny.Uni;

/**
 * The queue in front of a sharing policy. A PATCH that raises a visibility holds its owner's account and organization
 * policy rows {@code FOR SHARE} until it commits, and a tightening must wait for those PATCHes; but PostgreSQL lets a
 * new {@code FOR SHARE} join the holders of a row while an update of it waits, so a stream of such PATCHes could
 * keep a tightening waiting for ever. Advisory locks on the same key are queued in arrival order instead: a PATCH
 * takes one shared just before the policy row, and a tightening takes it exclusively before it locks the row, so
 * PATCHes that arrive while a tightening waits queue behind it, and it waits only for those already running.
 */
public final class PolicyLocks {

    private PolicyLocks() {
    }

    /**
     * A condition that is always true, and takes the holder's lock shared as it is evaluated: for the filter of the
     * scan that reads the policy row {@code FOR SHARE}, which PostgreSQL evaluates before it locks the row.
     *
     * @param holderId the SQL expression of the holder's id
     */
    public static String sharedBeforeRowLock(PolicyHolder holder, String holderId) {
        return "CAST(pg_advisory_xact_lock_shared(" + key(holder) + ", hashtext(" + holderId + ")) AS text) = ''";
    }

    /** Takes the holder's lock exclusively until the transaction ends: before its policy row is locked to change. */
    public static Uni<Void> holdExclusively(PolicyHolder holder, String holderId) {
        return NativeQueries.one("SELECT 1 FROM (SELECT pg_advisory_xact_lock(" + key(holder)
                + ", hashtext(:holder))) AS locked", Map.of("holder", holderId)).replaceWithVoid();
    }

    /** The first half of the lock's two-part key: one space of keys per kind of holder (Flyway's lock is one-part). */
    private static int key(PolicyHolder holder) {
        return switch (holder) {
            case ACCOUNT -> 1;
            case ORGANIZATION -> 2;
        };
    }
}
