package org.samplesapi.sharing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import org.samplesapi.policy.SharingPolicy;
import org.samplesapi.policy.Visibility;
import org.samplesapi.policy.PolicyHolder;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An entity that holds a sharing policy: an organization or an account, mapped alike. */
@MappedSuperclass
public abstract class SharingPolicyHolder extends PanacheEntityBase {

    @Column(name = "max_visibility", nullable = false)
    public Visibility maxVisibility;

    @Column(name = "holds_pii", nullable = false)
    public boolean holdsPii;

    /** The ETag and the If-Match comparand of the policy. */
    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Which kind of holder this is, and so whose samples its policy governs. */
    public abstract PolicyHolder holderKind();

    public abstract String holderId();

    /** Named as denial messages name the holder. */
    public abstract String holderName();

    /** The noun for this holder in messages ("organization", "account"). */
    public abstract String noun();

    public SharingPolicy policy() {
        return new SharingPolicy(holderName(), maxVisibility, holdsPii);
    }
}
