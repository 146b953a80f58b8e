package org.samplesapi.bench.peer;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A row of the service's {@code users} table: the caller, found by the token's subject. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    public String id;

    public String subject;

    public static Uni<User> findBySubject(String subject) {
        return find("subject", subject).firstResult();
    }
}
