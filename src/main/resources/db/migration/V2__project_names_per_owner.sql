-- A project name is unique per owner, as a repository name is per account. Unique across the service, a taken name
-- told anyone that somebody's private project carried it.
ALTER TABLE projects DROP CONSTRAINT projects_project_name_key;
ALTER TABLE projects ADD CONSTRAINT projects_owner_project_name_key UNIQUE (owner_id, project_name);
