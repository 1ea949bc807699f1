-- Publication of the monthly monitoring report: draft -> reviewed -> published.
--
-- report_step: every step taken on a month's report, with who and when (rows are only ever added). The
-- latest step decides the report's status: none or 'returned' or 'reopened' is a draft, 'reviewed' is
-- reviewed, 'published' is published (and names the version it made).
--
-- report_version: a published version, an immutable snapshot as JSON (the figures, the commentary and
-- summary, the other sections, each as they were). report_version_figure: the drill-down rows behind each
-- figure of that version, one row per figure, so a version's page never loads every child's row at once.
-- Neither table is ever updated or deleted from (a trigger refuses it): re-publishing makes a new version.

CREATE TABLE report_step (
  id serial PRIMARY KEY,
  month text NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
  step text NOT NULL CHECK (step IN ('reviewed', 'returned', 'published', 'reopened')),
  version integer,
  note text,
  taken_at timestamptz NOT NULL DEFAULT now(),
  taken_by text NOT NULL,
  CHECK ((step = 'published') = (version IS NOT NULL))
);
CREATE INDEX report_step_key ON report_step (month, id);

CREATE TABLE report_version (
  month text NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
  version integer NOT NULL CHECK (version > 0),
  reviewed_by text NOT NULL,
  reviewed_at timestamptz NOT NULL,
  published_by text NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  snapshot jsonb NOT NULL,
  PRIMARY KEY (month, version)
);

CREATE TABLE report_version_figure (
  month text NOT NULL,
  version integer NOT NULL,
  measure_id text NOT NULL,
  total integer NOT NULL,
  rows jsonb NOT NULL,
  PRIMARY KEY (month, version, measure_id),
  FOREIGN KEY (month, version) REFERENCES report_version (month, version)
);

CREATE FUNCTION report_version_unchangeable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published report is never changed or deleted: publish a new version instead';
END
$$;
CREATE TRIGGER report_version_unchangeable BEFORE UPDATE OR DELETE ON report_version
  FOR EACH ROW EXECUTE FUNCTION report_version_unchangeable();
CREATE TRIGGER report_version_figure_unchangeable BEFORE UPDATE OR DELETE ON report_version_figure
  FOR EACH ROW EXECUTE FUNCTION report_version_unchangeable();
