-- Sharing policies are administered through the API: organizations and accounts get a version (their ETag), every
-- change of a policy field is a policy event, and a sample whose visibility a tightening lowered names that event as
-- the cause of its audit event.
ALTER TABLE organizations ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN version bigint NOT NULL DEFAULT 1;

CREATE TABLE policy_events (
    id              varchar(16) PRIMARY KEY,
    seq             bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,   -- the order changes were made in
    organization_id varchar(16) REFERENCES organizations (id),
    account_id      varchar(16) REFERENCES users (id),
    actor_id        varchar(16) NOT NULL REFERENCES users (id),
    field           varchar(16) NOT NULL CHECK (field IN ('holds_pii', 'max_visibility')),
    old_value       text        NOT NULL,
    new_value       text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((organization_id IS NULL) <> (account_id IS NULL))   -- an organization's policy or an account's
);
CREATE INDEX policy_events_organization_idx ON policy_events (organization_id, seq);
CREATE INDEX policy_events_account_idx ON policy_events (account_id, seq);

ALTER TABLE audit_events ADD COLUMN policy_event_id varchar(16) REFERENCES policy_events (id);
