-- The id the service gave a request is what the audit trail stores; the caller's X-Request-Id is kept beside it.
ALTER TABLE audit_events ADD COLUMN client_request_id varchar(64);
ALTER TABLE policy_events ADD COLUMN request_id varchar(64);
ALTER TABLE policy_events ADD COLUMN client_request_id varchar(64);

-- A change of who governs a user (a move by a platform administrator, a join through a token) is a policy event
-- too: field 'organization' on the user's account, old and new organization ids (null for none), and one on each
-- organization concerned, naming the user as the member who left or joined.
ALTER TABLE policy_events DROP CONSTRAINT policy_events_field_check;
ALTER TABLE policy_events ADD CONSTRAINT policy_events_field_check
    CHECK (field IN ('holds_pii', 'max_visibility', 'organization'));
ALTER TABLE policy_events ALTER COLUMN old_value DROP NOT NULL;
ALTER TABLE policy_events ALTER COLUMN new_value DROP NOT NULL;
ALTER TABLE policy_events ADD COLUMN member_id varchar(16) REFERENCES users (id);
ALTER TABLE policy_events ADD CONSTRAINT policy_events_member_check
    CHECK ((member_id IS NULL) = (field <> 'organization' OR account_id IS NOT NULL));
CREATE INDEX policy_events_member_idx ON policy_events (member_id) WHERE member_id IS NOT NULL;
