-- The team dashboard (src/repositories/caseload.ts) reads only what may be waiting or open, from these partial
-- indexes, instead of whole tables:
-- early help episodes whose step down may still be waiting (no early help worker yet, or not started yet); the
-- step-ups waiting have an index already (0005);
CREATE INDEX early_help_step_down_no_worker ON early_help_episode (person_id)
  WHERE recorded_to IS NULL AND step_down_requested_date IS NOT NULL AND worker_id IS NULL;
CREATE INDEX early_help_step_down_start ON early_help_episode (start_date)
  WHERE recorded_to IS NULL AND step_down_requested_date IS NOT NULL;
-- children with an open child protection plan or period of care (whose last case-holding worker's team should
-- allocate them when they have none).
CREATE INDEX cp_plan_open_person ON cp_plan (person_id) WHERE recorded_to IS NULL AND end_date IS NULL;
CREATE INDEX cla_episode_open_person ON cla_episode (person_id) WHERE recorded_to IS NULL AND ceased_date IS NULL;
