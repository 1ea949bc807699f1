-- The monthly monitoring report's recorded sections: action plans and rectification plans with their
-- actions, surveys and inspection outcomes. Nothing is updated in place: every change adds a version with
-- who made it, when and why; the latest version of each plan, action or entry is the one in force, and the
-- earlier versions are its history.

CREATE TABLE report_plan_version (
  plan_id text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  kind text NOT NULL CHECK (kind IN ('action', 'rectification')),
  title text NOT NULL,
  owner text NOT NULL,
  aim text NOT NULL,
  measure_id text,
  start_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  closed_on date,
  progress text NOT NULL DEFAULT '',
  reason text NOT NULL DEFAULT '',
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (plan_id, version)
);

CREATE TABLE report_plan_action_version (
  action_id text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  plan_id text NOT NULL,
  action text NOT NULL,
  owner text NOT NULL,
  due_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('OPEN', 'PROG', 'DONE', 'DROP')),
  progress text NOT NULL DEFAULT '',
  reason text NOT NULL DEFAULT '',
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (action_id, version)
);
CREATE INDEX report_plan_action_plan ON report_plan_action_version (plan_id, action_id, version);

-- Surveys (kind 'survey') and inspection outcomes (kind 'inspection'); entry_date decides the report month.
CREATE TABLE report_entry_version (
  entry_id text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  kind text NOT NULL CHECK (kind IN ('survey', 'inspection')),
  title text NOT NULL,
  entry_date date NOT NULL,
  who text NOT NULL,
  outcome text NOT NULL DEFAULT '',
  details text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  reason text NOT NULL DEFAULT '',
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entry_id, version)
);
CREATE INDEX report_entry_date ON report_entry_version (entry_date);
