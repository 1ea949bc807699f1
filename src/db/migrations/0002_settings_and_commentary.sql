-- Authority settings (local standards, measure options, targets and RAG thresholds, comparators) and the
-- analyst's commentary on each measure and month. Both are kept whole: a change adds a row; the latest row
-- for a key is the one in force, and earlier rows say what was set before, by whom and why.

CREATE TABLE authority_setting (
  id serial PRIMARY KEY,
  key text NOT NULL,
  value jsonb NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now(),
  set_by text NOT NULL,
  reason text
);
CREATE INDEX authority_setting_key ON authority_setting (key, id);

CREATE TABLE measure_commentary (
  id serial PRIMARY KEY,
  measure_id text NOT NULL,
  month text NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
  commentary text NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  written_by text NOT NULL
);
CREATE INDEX measure_commentary_key ON measure_commentary (measure_id, month, id);
