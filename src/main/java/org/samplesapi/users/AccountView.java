package org.samplesapi.users;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.util.StdConverter;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.samplesapi.web.Ref;
import org.samplesapi.web.Timestamps;

/**
 * An account in the shape of One Codex's {@code /api/v1/account}, plus this service's own members: the account's
 * sharing policy and the organization whose policy also governs its samples.
 */
@Schema(name = "Account")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AccountView(@JsonProperty("created_at") String createdAt, @Schema(nullable = true) @JsonProperty("email") String email,
                          @JsonProperty("user") Ref user, @Schema(nullable = true) @JsonProperty("username") String username,
                          @JsonProperty("coupons") List<Object> coupons,
                          @Schema(description = "true caps every sample of the account at private")
                          @JsonProperty("holds_pii") boolean holdsPii,
                          @Schema(enumeration = {"private", "shared", "public"})
                          @JsonProperty("max_visibility") String maxVisibility,
                          @Schema(description = "The organization whose policy also governs the account's samples",
                                  nullable = true)
                          @JsonProperty("organization") Ref organization) {

    static AccountView of(User user) {
        return new AccountView(Timestamps.format(user.createdAt), user.email, Ref.to("users", user.id), user.username,
                List.of(), user.holdsPii, user.maxVisibility.wireName(),
                Ref.toNullable("organizations", user.organizationId));
    }

    public static final class OfUser extends StdConverter<User, AccountView> {
        @Override
        public AccountView convert(User user) {
            return of(user);
        }
    }
}
