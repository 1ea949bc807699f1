-- The team manager's dashboard and "My work" read a team's cases only: open allocations by worker, the team's
-- open referrals and CIN plans, and each child's current records by person.
--
-- The person indexes from 0001 cover every version. Without planner statistics (PGlite never analyses a table
-- on its own, and a fresh import has none) the planner prefers scanning the whole <table>_current index to
-- reading a few hundred children through them, so each table a child's work is read from also gets an index
-- on person over its current versions only.

CREATE INDEX allocation_open_worker ON allocation (worker_id) WHERE recorded_to IS NULL AND end_date IS NULL;
CREATE INDEX referral_open_team ON referral (team_id) WHERE recorded_to IS NULL AND close_date IS NULL;
CREATE INDEX cin_plan_open_team ON cin_plan (team_id) WHERE recorded_to IS NULL AND end_date IS NULL;

CREATE INDEX allocation_current_person ON allocation (person_id) WHERE recorded_to IS NULL;
CREATE INDEX referral_current_person ON referral (person_id) WHERE recorded_to IS NULL;
CREATE INDEX assessment_current_person ON assessment (person_id) WHERE recorded_to IS NULL;
CREATE INDEX s47_enquiry_current_person ON s47_enquiry (person_id) WHERE recorded_to IS NULL;
CREATE INDEX icpc_current_person ON icpc (person_id) WHERE recorded_to IS NULL;
CREATE INDEX cin_plan_current_person ON cin_plan (person_id) WHERE recorded_to IS NULL;
CREATE INDEX cp_plan_current_person ON cp_plan (person_id) WHERE recorded_to IS NULL;
CREATE INDEX cp_review_current_person ON cp_review (person_id) WHERE recorded_to IS NULL;
CREATE INDEX meeting_current_person ON meeting (person_id) WHERE recorded_to IS NULL;
CREATE INDEX cla_episode_current_person ON cla_episode (person_id) WHERE recorded_to IS NULL;
CREATE INDEX placement_current_person ON placement (person_id) WHERE recorded_to IS NULL;
CREATE INDEX cla_review_current_person ON cla_review (person_id) WHERE recorded_to IS NULL;
CREATE INDEX legal_status_current_person ON legal_status (person_id) WHERE recorded_to IS NULL;
CREATE INDEX cla_care_plan_current_person ON cla_care_plan (person_id) WHERE recorded_to IS NULL;
CREATE INDEX early_help_episode_current_person ON early_help_episode (person_id) WHERE recorded_to IS NULL;
CREATE INDEX cin_visit_current_person ON cin_visit (person_id) WHERE recorded_to IS NULL;
CREATE INDEX cp_visit_current_person ON cp_visit (person_id) WHERE recorded_to IS NULL;
CREATE INDEX cla_visit_current_person ON cla_visit (person_id) WHERE recorded_to IS NULL;
CREATE INDEX supervision_current_person ON supervision (person_id) WHERE recorded_to IS NULL;
CREATE INDEX plan_action_current_person ON plan_action (person_id) WHERE recorded_to IS NULL;
