-- People who sign in to Threadline, and their sessions. A user may be linked to a worker record (their
-- caseload and team come from it). Passwords are stored only as scrypt hashes. A session row is kept by the
-- SHA-256 of its cookie token, so a copy of the database cannot be used to sign in.

CREATE TABLE app_user (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL,
  worker_id text,
  team_id text,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  disabled_at timestamptz
);

CREATE TABLE web_session (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES app_user (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz
);
CREATE INDEX web_session_user ON web_session (user_id);
