package org.samplesapi.users;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.samplesapi.policy.PolicyHolder;
import org.samplesapi.sharing.SharingPolicyHolder;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * A user: the account behind a token's {@code sub}, with its own sharing policy. Provisioning creates and refreshes
 * the row; the API answers it as an account ({@link AccountView}).
 */
@Entity
@Table(name = "users")
@JsonSerialize(converter = AccountView.OfUser.class)
public class User extends SharingPolicyHolder {

    @Id
    public String id;

    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String subject;

    @Column(columnDefinition = "text", updatable = false)
    public String email;

    @Column(updatable = false)
    public String username;

    /** Set on first sight by the provisioning upsert; changed only by a platform administrator's move. */
    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Override
    public PolicyHolder holderKind() {
        return PolicyHolder.ACCOUNT;
    }

    @Override
    public String holderId() {
        return id;
    }

    /** As the sample policy names the account: by e-mail, else by id. */
    @Override
    public String holderName() {
        return email == null ? id : email;
    }

    @Override
    public String noun() {
        return "account";
    }
}
