-- Access as data. access_rule: a role's scope for an action; the latest row for a (role, action) is in force,
-- earlier rows say what it was before, who changed it and why (defaults are in src/domain/access/rules.ts
-- and apply where no row exists). restricted_record: a child whose record only named people may see;
-- restricted_user: who is named; break_glass: emergency access with its reason, for one hour.

CREATE TABLE access_rule (
  id serial PRIMARY KEY,
  role text NOT NULL,
  action text NOT NULL,
  scope text NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now(),
  set_by text NOT NULL,
  reason text NOT NULL
);
CREATE INDEX access_rule_key ON access_rule (role, action, id);

CREATE TABLE restricted_record (
  id serial PRIMARY KEY,
  person_id text NOT NULL,
  reason text NOT NULL,
  restricted_at timestamptz NOT NULL DEFAULT now(),
  restricted_by text NOT NULL,
  lifted_at timestamptz,
  lifted_by text,
  lift_reason text
);
CREATE INDEX restricted_record_person ON restricted_record (person_id) WHERE lifted_at IS NULL;

CREATE TABLE restricted_user (
  id serial PRIMARY KEY,
  restriction_id integer NOT NULL REFERENCES restricted_record (id),
  username text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  added_by text NOT NULL,
  removed_at timestamptz,
  removed_by text
);
CREATE INDEX restricted_user_restriction ON restricted_user (restriction_id);

CREATE TABLE break_glass (
  id serial PRIMARY KEY,
  person_id text NOT NULL,
  username text NOT NULL,
  reason text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX break_glass_person ON break_glass (person_id, username, expires_at);
