-- A form sent after its author's session had timed out: kept so that nothing typed is lost, and offered
-- back to the same person after they sign in again. Kept for 7 days.
CREATE TABLE form_draft (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES app_user (id),
  action text NOT NULL,
  fields jsonb NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX form_draft_user ON form_draft (user_id, saved_at);
