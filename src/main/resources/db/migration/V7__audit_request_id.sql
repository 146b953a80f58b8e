-- The request that made a change: the events of one bulk change (or of one policy tightening) share it.
ALTER TABLE audit_events ADD COLUMN request_id varchar(64);
