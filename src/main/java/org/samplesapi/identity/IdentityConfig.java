package org.samplesapi.identity;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the caller's organization and admin role are found in the token: identity providers differ. */
@ConfigMapping(prefix = "samples.identity")
public interface IdentityConfig {

    /** The claim holding the caller's organization. */
    @WithDefault("org_id")
    String organizationClaim();

    /** That claim's shape: a string, an array of one, an object keyed by organization, or whichever it is. */
    @WithDefault("auto")
    ClaimShape organizationClaimShape();

    /** The role (from the token's roles or groups) that makes the caller an admin of their organization. */
    @WithDefault("org_admin")
    String orgAdminRole();

    /** The role that makes the caller a platform administrator: the only one who may loosen a sharing policy. */
    @WithDefault("platform_admin")
    String platformAdminRole();

    /**
     * Where the caller's roles are read from: the first of these claim paths that holds any gives all of them.
     */
    @WithDefault("groups,roles,realm_access/roles")
    List<String> roleClaimPaths();

    /** The sharing policy of an organization first named by a token. */
    @WithDefault("no_public")
    NewcomerPolicy newOrganizationPolicy();

    /** The sharing policy of an account (a user) first seen in a token. */
    @WithDefault("no_public")
    NewcomerPolicy newAccountPolicy();

    /** The claim holding the caller's e-mail address. */
    @WithDefault("email")
    String emailClaim();

    /**
     * Whether an e-mail address is recorded only from a token whose {@code email_verified} claim is {@code true}: an
     * address a user typed in and never proved must not name them to others.
     */
    @WithDefault("true")
    boolean requireVerifiedEmail();
}
