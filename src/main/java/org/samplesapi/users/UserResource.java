package org.samplesapi.users;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.samplesapi.audit.PolicyEvent;
import org.samplesapi.audit.PolicyEventView;
import org.samplesapi.identity.CallerResolver;
import org.samplesapi.identity.UserProvisioner;
import org.samplesapi.sharing.AccountChange;
import org.samplesapi.sharing.PolicyChangeParser;
import org.samplesapi.sharing.PolicyPatchSchema;
import org.samplesapi.policy.PolicyChange;
import org.samplesapi.web.ApiError;
import org.samplesapi.web.ApiIds;
import org.samplesapi.web.ETags;
import org.samplesapi.web.JsonBodies;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/v1/users/{id}} and {@code /api/v1/account}: users as others see them, and each account's sharing
 * policy, which its user may tighten and platform administrators may change at will.
 */
@Tag(name = "Users", description = "Users, and the caller's own account and its sharing policy")
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private static final Set<String> READ_ONLY = Set.of("created_at", "email", "user", "username", "coupons",
            "organization");

    private final CallerResolver callers;
    private final UserRepository users;
    private final UserService service;
    private final PolicyChangeParser parser;
    private final UserProvisioner provisioner;

    public UserResource(CallerResolver callers, UserRepository users, UserService service,
                        PolicyChangeParser parser, UserProvisioner provisioner) {
        this.callers = callers;
        this.users = users;
        this.service = service;
        this.parser = parser;
        this.provisioner = provisioner;
    }

    @GET
    @Path("users/{id}")
    @Operation(operationId = "getUser",
            description = "A user the caller shares an organization or project with, or whose samples the caller"
            + " may read; 404 otherwise.")
    public Uni<UserView> get(@RestPath String id) {
        return callers.lookup("User", id, users::visibleTo);
    }

    @GET
    @Path("account")
    @Operation(operationId = "getAccount",
            description = "The caller's account: its sharing policy (holds_pii, max_visibility) and organization,"
            + " with an ETag to send as If-Match when changing it.",
            summary = "Your account, with its sharing policy")
    @APIResponse(responseCode = "200", description = "The account, with its ETag",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    public Uni<RestResponse<User>> account() {
        return callers.current().chain(service::account).map(user -> ETags.ok(user, user.version));
    }

    @PATCH
    @Path("account")
    @Consumes({MediaType.APPLICATION_JSON, JsonBodies.MERGE_PATCH_JSON})
    @Operation(operationId = "patchAccount", summary = "Tighten your account's sharing policy (holds_pii, max_visibility)", description = """
            You may tighten your own policy; loosening it needs a platform administrator. A tightening lowers your
            samples above the new cap to it, each with an audit event naming this change.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PolicyPatchSchema.class)))
    @APIResponse(responseCode = "200", description = "The account after the change, with its new ETag",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, read-only or unknown key, wrong type",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A loosening (policy_loosening_requires_platform_admin)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current ETag",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RestResponse<User>> patchAccount(@Parameter(description = "Optional: the ETag the change is based on")
                                                @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
                                                @Parameter(hidden = true) byte[] body) {
        PolicyChange change = parser.parse(body, READ_ONLY);
        return callers.current()
                .chain(caller -> service.changePolicy(caller, caller.userId(), change, ifMatch))
                .map(user -> ETags.ok(user, user.version));
    }

    @PATCH
    @Path("users/{id}")
    @Consumes({MediaType.APPLICATION_JSON, JsonBodies.MERGE_PATCH_JSON})
    @Operation(operationId = "patchUser",
            description = "Changes a user's account policy (holds_pii, max_visibility) as PATCH /api/v1/account"
            + " does, or moves the user to another organization (platform administrators only): the"
            + " user's samples above its cap are lowered in the same transaction, and the move is"
            + " audited on the account and on both organizations.",
            summary = "Change a user's account sharing policy (platform administrators; anyone for their own,"
            + " as PATCH /api/v1/account), or move the user to another organization (platform administrators)")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UserPatchSchema.class)))
    @APIResponse(responseCode = "200", description = "That user's account after the change, with its new ETag",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, read-only or unknown key, wrong type",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Another user's account, or a move, by someone who is not a"
            + " platform administrator (not_platform_admin), or a loosening of one's own"
            + " (policy_loosening_requires_platform_admin)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such user, or not one the caller can see; or no such"
            + " organization to move the user to (with item)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current ETag",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RestResponse<User>> patchUser(@RestPath String id,
                                             @Parameter(description = "Optional: the ETag the change is based on")
                                             @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
                                             @Parameter(hidden = true) byte[] body) {
        String userId = ApiIds.existing(id, "User");
        AccountChange change = parser.parseAccountChange(body, READ_ONLY);
        return callers.current()
                .chain(caller -> service.changeAccount(caller, userId, change, ifMatch))
                // Once the move has committed: tokens seen before it must not keep the old organization here.
                .call(user -> change.organizationId() == null ? Uni.createFrom().voidItem() : provisioner.forgetAll())
                .map(user -> ETags.ok(user, user.version));
    }

    @GET
    @Path("account/events")
    @Operation(operationId = "listAccountEvents",
            description = "Every change of the caller's account policy, and every move of the caller between"
            + " organizations (field organization), oldest first: actor, field, old and new value, time"
            + " and request id.",
            summary = "Every change of your account's sharing policy, oldest first")
    public Uni<List<PolicyEventView>> accountEvents() {
        return callers.current().chain(caller -> service.events(caller, caller.userId())).map(UserResource::views);
    }

    @GET
    @Path("users/{id}/events")
    @Operation(operationId = "listUserEvents",
            description = "Every change of the user's account policy and organization, oldest first; for platform"
            + " administrators and the user.",
            summary = "Every change of a user's account sharing policy (platform administrators; anyone for their"
            + " own)")
    @APIResponse(responseCode = "200", description = "The account's sharing policy changes",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PolicyEventView.class)))
    @APIResponse(responseCode = "403", description = "Another user's account (not_platform_admin)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such user, or not one the caller can see",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<List<PolicyEventView>> userEvents(@RestPath String id) {
        String userId = ApiIds.existing(id, "User");
        return callers.current().chain(caller -> service.events(caller, userId)).map(UserResource::views);
    }

    private static List<PolicyEventView> views(List<PolicyEvent> events) {
        return events.stream().map(PolicyEventView::of).toList();
    }
}
