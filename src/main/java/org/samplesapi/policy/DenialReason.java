package org.samplesapi.policy;

/** Why a request was refused; {@link #code()} is the stable machine-readable reason clients may switch on. */
public enum DenialReason {
    /** The sample does not exist, is deleted, or the caller may not read it: all three look the same. */
    SAMPLE_NOT_FOUND("not_found", Kind.NOT_FOUND),
    NOT_SAMPLE_OWNER("not_sample_owner", Kind.FORBIDDEN),
    ORG_POLICY_VIOLATION("org_policy_violation", Kind.FORBIDDEN),
    ACCOUNT_POLICY_VIOLATION("account_policy_violation", Kind.FORBIDDEN),
    PROJECT_NOT_FOUND("not_found", Kind.NOT_FOUND),
    PROJECT_PERMISSION_DENIED("project_permission_denied", Kind.FORBIDDEN),
    TAG_NOT_FOUND("not_found", Kind.NOT_FOUND),
    METADATA_NOT_FOUND("not_found", Kind.NOT_FOUND),
    METADATA_PERMISSION_DENIED("metadata_permission_denied", Kind.FORBIDDEN),
    /** The token names another organization than the caller's account belongs to. */
    ORGANIZATION_CHANGED("organization_changed", Kind.FORBIDDEN),
    /** A project still holds samples that the caller may not modify. */
    PROJECT_NOT_EMPTY("project_not_empty", Kind.CONFLICT),
    /** The organization does not exist or the caller is neither a member nor a platform administrator. */
    ORGANIZATION_NOT_FOUND("not_found", Kind.NOT_FOUND),
    USER_NOT_FOUND("not_found", Kind.NOT_FOUND),
    /** A member of the organization who is not its admin. */
    NOT_ORGANIZATION_ADMIN("not_organization_admin", Kind.FORBIDDEN),
    /** Only platform administrators loosen a sharing policy. */
    POLICY_LOOSENING_NOT_ALLOWED("policy_loosening_requires_platform_admin", Kind.FORBIDDEN),
    /** Another user's account policy is for platform administrators. */
    NOT_PLATFORM_ADMIN("not_platform_admin", Kind.FORBIDDEN);

    /** Whether the refusal hides the object (not found) or admits it exists (forbidden). */
    public enum Kind { NOT_FOUND, FORBIDDEN, CONFLICT }

    private final String code;
    private final Kind kind;

    DenialReason(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }
}
