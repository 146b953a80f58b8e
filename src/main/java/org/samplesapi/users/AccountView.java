package org.samplesapi.users;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.samplesapi.web.Ref;

/** The caller's own account, in the shape of One Codex's {@code /api/v1/account}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AccountView(@JsonProperty("created_at") String createdAt, @JsonProperty("email") String email,
                          @JsonProperty("user") Ref user, @JsonProperty("username") String username,
                          @JsonProperty("coupons") List<Object> coupons) {
}
