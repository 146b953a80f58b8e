package org.samplesapi.users;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.samplesapi.identity.CallerResolver;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /api/v1/users/{id}} and {@code /api/v1/account}. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final CallerResolver callers;
    private final UserRepository users;

    public UserResource(CallerResolver callers, UserRepository users) {
        this.callers = callers;
        this.users = users;
    }

    @GET
    @Path("users/{id}")
    public Uni<UserView> get(@RestPath String id) {
        return callers.lookup("User", id, users::visibleTo);
    }

    @GET
    @Path("account")
    public Uni<AccountView> account() {
        return callers.current().chain(users::account);
    }
}
