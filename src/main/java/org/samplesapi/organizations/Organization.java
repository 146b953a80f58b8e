package org.samplesapi.organizations;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.samplesapi.policy.PolicyHolder;
import org.samplesapi.sharing.SharingPolicyHolder;
import org.samplesapi.policy.Visibility;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * An organization and its sharing policy, as stored and as the API answers it ({@link OrganizationView} renders
 * it). The organization claim of tokens names it by {@code externalId}; provisioning creates it.
 */
@Entity
@Table(name = "organizations")
@JsonSerialize(converter = OrganizationView.OfOrganization.class)
public class Organization extends SharingPolicyHolder {

    @Id
    public String id;

    @Column(name = "external_id", nullable = false, updatable = false, columnDefinition = "text")
    public String externalId;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** How many of its members' samples (deleted ones aside) sit at each visibility: what a tightening would touch. */
    @Transient
    public Map<Visibility, Long> samplesByVisibility = Map.of();

    @Override
    public PolicyHolder holderKind() {
        return PolicyHolder.ORGANIZATION;
    }

    @Override
    public String holderId() {
        return id;
    }

    @Override
    public String holderName() {
        return name;
    }

    @Override
    public String noun() {
        return "organization";
    }
}
