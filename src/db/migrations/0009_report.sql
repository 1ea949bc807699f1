-- The monthly monitoring report's own text, by month and section: the analyst's summary analysis
-- ('summary'), the quality assurance team's thematic findings from case-file audits ('audit-findings') and
-- the themes from complaints and compliments ('feedback-themes'). Kept whole, like measure_commentary: a
-- change adds a row; the latest row for a month and section is the one in force, and earlier rows say what
-- was written before, by whom and when.

CREATE TABLE report_summary (
  id serial PRIMARY KEY,
  month text NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
  section text NOT NULL DEFAULT 'summary' CHECK (section ~ '^[a-z][a-z-]*$'),
  text text NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  written_by text NOT NULL
);
CREATE INDEX report_summary_key ON report_summary (month, section, id);
