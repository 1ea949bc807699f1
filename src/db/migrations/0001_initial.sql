-- Threadline initial schema: the canonical record of each child's journey, with full history.
-- Generated once from the entity registry (src/domain/model/entities.ts, src/db/schema-ddl.ts).
-- Never edit an applied migration: add a new numbered file.

-- Each import: who, from where, what it changed, or why it was rejected.
CREATE TABLE import_run (
  id serial PRIMARY KEY,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  actor text NOT NULL,
  source text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'done', 'rejected', 'failed')),
  summary jsonb
);

-- Every read of child-level data and every write: who, what, when, outcome.
CREATE TABLE access_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  entity text,
  record_id text,
  person_id text,
  outcome text NOT NULL,
  detail text
);
CREATE INDEX access_log_person ON access_log (person_id, at);
CREATE INDEX access_log_actor ON access_log (actor, at);

-- Authority (tl_authority)
CREATE TABLE authority (
  id text NOT NULL,
  version integer NOT NULL,
  name text,
  region text,
  ons_code text,
  comparator_la_code text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX authority_current ON authority (id) WHERE recorded_to IS NULL;
CREATE VIEW current_authority AS SELECT * FROM authority WHERE recorded_to IS NULL AND NOT deleted;

-- Population estimate (0 to 17) (tl_population)
CREATE TABLE population (
  id text NOT NULL,
  version integer NOT NULL,
  la_code text,
  mid_year integer,
  children integer,
  source text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX population_current ON population (id) WHERE recorded_to IS NULL;
CREATE VIEW current_population AS SELECT * FROM population WHERE recorded_to IS NULL AND NOT deleted;

-- Team (ssd_department) (tl_department)
CREATE TABLE team (
  id text NOT NULL,
  version integer NOT NULL,
  name text,
  parent_id text,
  parent_name text,
  service_area text,
  manager_id text,
  start_date date,
  end_date date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX team_current ON team (id) WHERE recorded_to IS NULL;
CREATE VIEW current_team AS SELECT * FROM team WHERE recorded_to IS NULL AND NOT deleted;

-- Worker (ssd_professionals) (tl_professionals)
CREATE TABLE worker (
  id text NOT NULL,
  version integer NOT NULL,
  staff_id text,
  name text,
  sw_registration_no text,
  job_title text,
  caseload integer,
  department text,
  fte numeric,
  agency boolean,
  team_id text,
  start_date date,
  end_date date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX worker_current ON worker (id) WHERE recorded_to IS NULL;
CREATE VIEW current_worker AS SELECT * FROM worker WHERE recorded_to IS NULL AND NOT deleted;

-- Post (establishment) (tl_posts)
CREATE TABLE post (
  id text NOT NULL,
  version integer NOT NULL,
  team_id text,
  title text,
  fte numeric,
  social_worker boolean,
  case_holding boolean,
  start_date date,
  end_date date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX post_current ON post (id) WHERE recorded_to IS NULL;
CREATE VIEW current_post AS SELECT * FROM post WHERE recorded_to IS NULL AND NOT deleted;

-- Post holder (tl_post_holders)
CREATE TABLE post_holder (
  id text NOT NULL,
  version integer NOT NULL,
  post_id text,
  worker_id text,
  fte numeric,
  agency boolean,
  start_date date,
  end_date date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX post_holder_current ON post_holder (id) WHERE recorded_to IS NULL;
CREATE VIEW current_post_holder AS SELECT * FROM post_holder WHERE recorded_to IS NULL AND NOT deleted;

-- Worker absence (tl_absences)
CREATE TABLE absence (
  id text NOT NULL,
  version integer NOT NULL,
  worker_id text,
  start_date date,
  end_date date,
  long_term boolean,
  reason text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX absence_current ON absence (id) WHERE recorded_to IS NULL;
CREATE VIEW current_absence AS SELECT * FROM absence WHERE recorded_to IS NULL AND NOT deleted;

-- Person (ssd_person)
CREATE TABLE person (
  id text NOT NULL,
  version integer NOT NULL,
  forename text,
  surname text,
  sex text,
  gender text,
  ethnicity text,
  dob date,
  common_child_id text,
  legacy_id text,
  upn_unknown text,
  send_flag text,
  expected_dob date,
  death_date date,
  is_mother boolean,
  nationality text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX person_current ON person (id) WHERE recorded_to IS NULL;
CREATE VIEW current_person AS SELECT * FROM person WHERE recorded_to IS NULL AND NOT deleted;

-- Identifier (ssd_linked_identifiers)
CREATE TABLE person_identifier (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  identifier_type text,
  value text,
  valid_from date,
  valid_to date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX person_identifier_current ON person_identifier (id) WHERE recorded_to IS NULL;
CREATE INDEX person_identifier_person ON person_identifier (person_id);
CREATE VIEW current_person_identifier AS SELECT * FROM person_identifier WHERE recorded_to IS NULL AND NOT deleted;

-- Address (ssd_address)
CREATE TABLE address (
  id text NOT NULL,
  version integer NOT NULL,
  address_json text,
  person_id text,
  address_type text,
  start_date date,
  end_date date,
  postcode text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX address_current ON address (id) WHERE recorded_to IS NULL;
CREATE INDEX address_person ON address (person_id);
CREATE VIEW current_address AS SELECT * FROM address WHERE recorded_to IS NULL AND NOT deleted;

-- Disability (ssd_disability)
CREATE TABLE disability (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  code text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX disability_current ON disability (id) WHERE recorded_to IS NULL;
CREATE INDEX disability_person ON disability (person_id);
CREATE VIEW current_disability AS SELECT * FROM disability WHERE recorded_to IS NULL AND NOT deleted;

-- Immigration status (ssd_immigration_status)
CREATE TABLE immigration_status (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  status text,
  start_date date,
  end_date date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX immigration_status_current ON immigration_status (id) WHERE recorded_to IS NULL;
CREATE INDEX immigration_status_person ON immigration_status (person_id);
CREATE VIEW current_immigration_status AS SELECT * FROM immigration_status WHERE recorded_to IS NULL AND NOT deleted;

-- Family membership (ssd_family)
CREATE TABLE family (
  id text NOT NULL,
  version integer NOT NULL,
  family_id text,
  person_id text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX family_current ON family (id) WHERE recorded_to IS NULL;
CREATE INDEX family_person ON family (person_id);
CREATE VIEW current_family AS SELECT * FROM family WHERE recorded_to IS NULL AND NOT deleted;

-- Mother and child (ssd_mother)
CREATE TABLE mother (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  child_person_id text,
  child_dob date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX mother_current ON mother (id) WHERE recorded_to IS NULL;
CREATE INDEX mother_person ON mother (person_id);
CREATE VIEW current_mother AS SELECT * FROM mother WHERE recorded_to IS NULL AND NOT deleted;

-- Relationship (tl_relationships)
CREATE TABLE relationship (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  related_person_id text,
  relationship text,
  parental_responsibility boolean,
  start_date date,
  end_date date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX relationship_current ON relationship (id) WHERE recorded_to IS NULL;
CREATE INDEX relationship_person ON relationship (person_id);
CREATE VIEW current_relationship AS SELECT * FROM relationship WHERE recorded_to IS NULL AND NOT deleted;

-- Contact (ssd_contacts) (tl_contacts)
CREATE TABLE contact (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  received_at timestamptz,
  received_at_has_time boolean,
  source text,
  source_desc text,
  outcome_json text,
  consent text,
  consent_note text,
  received_by_id text,
  decision_at timestamptz,
  decision_at_has_time boolean,
  decision text,
  decision_rationale text,
  decided_by_id text,
  referral_id text,
  early_help_id text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX contact_current ON contact (id) WHERE recorded_to IS NULL;
CREATE INDEX contact_person ON contact (person_id);
CREATE VIEW current_contact AS SELECT * FROM contact WHERE recorded_to IS NULL AND NOT deleted;

-- Challenge to a front-door decision (tl_decision_challenges)
CREATE TABLE decision_challenge (
  id text NOT NULL,
  version integer NOT NULL,
  contact_id text,
  person_id text,
  raised_at timestamptz,
  raised_at_has_time boolean,
  raised_by_id text,
  reason text,
  resolved_at timestamptz,
  resolved_at_has_time boolean,
  resolution text,
  resolved_by_id text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX decision_challenge_current ON decision_challenge (id) WHERE recorded_to IS NULL;
CREATE INDEX decision_challenge_person ON decision_challenge (person_id);
CREATE VIEW current_decision_challenge AS SELECT * FROM decision_challenge WHERE recorded_to IS NULL AND NOT deleted;

-- Early help episode (ssd_early_help_episodes) (tl_early_help_episodes)
CREATE TABLE early_help_episode (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  start_date date,
  end_date date,
  reason text,
  end_reason text,
  organisation text,
  worker_id text,
  team_id text,
  step_down_from_referral_id text,
  step_down_from_contact_id text,
  step_down_requested_date date,
  step_up_contact_id text,
  step_up_requested_date date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX early_help_episode_current ON early_help_episode (id) WHERE recorded_to IS NULL;
CREATE INDEX early_help_episode_person ON early_help_episode (person_id);
CREATE VIEW current_early_help_episode AS SELECT * FROM early_help_episode WHERE recorded_to IS NULL AND NOT deleted;

-- Referral (CIN episode) (ssd_cin_episodes)
CREATE TABLE referral (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  referral_date timestamptz,
  referral_date_has_time boolean,
  primary_need text,
  source text,
  source_desc text,
  outcome_json text,
  nfa boolean,
  close_reason text,
  close_date date,
  team_id text,
  worker_id text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX referral_current ON referral (id) WHERE recorded_to IS NULL;
CREATE INDEX referral_person ON referral (person_id);
CREATE VIEW current_referral AS SELECT * FROM referral WHERE recorded_to IS NULL AND NOT deleted;

-- Strategy discussion (tl_strategy_discussions)
CREATE TABLE strategy_discussion (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  referral_id text,
  held_at timestamptz,
  held_at_has_time boolean,
  chair_id text,
  outcome text,
  decisions text,
  medical_exam boolean,
  medical_exam_rationale text,
  minutes_recorded_at timestamptz,
  minutes_recorded_at_has_time boolean,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX strategy_discussion_current ON strategy_discussion (id) WHERE recorded_to IS NULL;
CREATE INDEX strategy_discussion_person ON strategy_discussion (person_id);
CREATE VIEW current_strategy_discussion AS SELECT * FROM strategy_discussion WHERE recorded_to IS NULL AND NOT deleted;

-- Agency at a strategy discussion (tl_strategy_agencies)
CREATE TABLE strategy_agency (
  id text NOT NULL,
  version integer NOT NULL,
  strategy_id text,
  agency text,
  invited boolean,
  attended boolean,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX strategy_agency_current ON strategy_agency (id) WHERE recorded_to IS NULL;
CREATE VIEW current_strategy_agency AS SELECT * FROM strategy_agency WHERE recorded_to IS NULL AND NOT deleted;

-- Section 47 enquiry (ssd_s47_enquiry) (tl_s47_enquiry)
CREATE TABLE s47_enquiry (
  id text NOT NULL,
  version integer NOT NULL,
  referral_id text,
  person_id text,
  start_date date,
  end_date date,
  nfa boolean,
  outcome_json text,
  worker_id text,
  team_id text,
  strategy_id text,
  child_seen_date date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX s47_enquiry_current ON s47_enquiry (id) WHERE recorded_to IS NULL;
CREATE INDEX s47_enquiry_person ON s47_enquiry (person_id);
CREATE VIEW current_s47_enquiry AS SELECT * FROM s47_enquiry WHERE recorded_to IS NULL AND NOT deleted;

-- Initial child protection conference (ssd_initial_cp_conference)
CREATE TABLE icpc (
  id text NOT NULL,
  version integer NOT NULL,
  meeting_id text,
  s47_id text,
  person_id text,
  cp_plan_id text,
  referral_id text,
  transfer_in boolean,
  target_date date,
  conference_date date,
  outcome_cp boolean,
  outcome_json text,
  team_id text,
  worker_id text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX icpc_current ON icpc (id) WHERE recorded_to IS NULL;
CREATE INDEX icpc_person ON icpc (person_id);
CREATE VIEW current_icpc AS SELECT * FROM icpc WHERE recorded_to IS NULL AND NOT deleted;

-- Single assessment (ssd_cin_assessments) (tl_cin_assessments)
CREATE TABLE assessment (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  referral_id text,
  start_date date,
  child_seen boolean,
  authorised_date date,
  outcome_json text,
  outcome_nfa boolean,
  team_id text,
  worker_id text,
  child_seen_date date,
  pre_birth boolean,
  expected_dob date,
  authorised_by_id text,
  authorisation_rationale text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX assessment_current ON assessment (id) WHERE recorded_to IS NULL;
CREATE INDEX assessment_person ON assessment (person_id);
CREATE VIEW current_assessment AS SELECT * FROM assessment WHERE recorded_to IS NULL AND NOT deleted;

-- Assessment factors (ssd_assessment_factors)
CREATE TABLE assessment_factors (
  id text NOT NULL,
  version integer NOT NULL,
  assessment_id text,
  factors_json text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX assessment_factors_current ON assessment_factors (id) WHERE recorded_to IS NULL;
CREATE VIEW current_assessment_factors AS SELECT * FROM assessment_factors WHERE recorded_to IS NULL AND NOT deleted;

-- Child in need plan (ssd_cin_plans)
CREATE TABLE cin_plan (
  id text NOT NULL,
  version integer NOT NULL,
  referral_id text,
  person_id text,
  start_date date,
  end_date date,
  team_id text,
  worker_id text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX cin_plan_current ON cin_plan (id) WHERE recorded_to IS NULL;
CREATE INDEX cin_plan_person ON cin_plan (person_id);
CREATE VIEW current_cin_plan AS SELECT * FROM cin_plan WHERE recorded_to IS NULL AND NOT deleted;

-- Child protection plan (ssd_cp_plans)
CREATE TABLE cp_plan (
  id text NOT NULL,
  version integer NOT NULL,
  referral_id text,
  icpc_id text,
  person_id text,
  start_date date,
  end_date date,
  initial_category text,
  ola boolean,
  latest_category text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX cp_plan_current ON cp_plan (id) WHERE recorded_to IS NULL;
CREATE INDEX cp_plan_person ON cp_plan (person_id);
CREATE VIEW current_cp_plan AS SELECT * FROM cp_plan WHERE recorded_to IS NULL AND NOT deleted;

-- Care plan (looked after) (ssd_cla_care_plan) (tl_cla_care_plan)
CREATE TABLE cla_care_plan (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  start_date date,
  end_date date,
  plan_json text,
  permanence_plan text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX cla_care_plan_current ON cla_care_plan (id) WHERE recorded_to IS NULL;
CREATE INDEX cla_care_plan_person ON cla_care_plan (person_id);
CREATE VIEW current_cla_care_plan AS SELECT * FROM cla_care_plan WHERE recorded_to IS NULL AND NOT deleted;

-- Plan action (tl_plan_actions)
CREATE TABLE plan_action (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  plan_type text,
  plan_id text,
  action text,
  responsible text,
  responsible_worker_id text,
  due_date date,
  status text,
  set_date date,
  completed_date date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX plan_action_current ON plan_action (id) WHERE recorded_to IS NULL;
CREATE INDEX plan_action_person ON plan_action (person_id);
CREATE VIEW current_plan_action AS SELECT * FROM plan_action WHERE recorded_to IS NULL AND NOT deleted;

-- Child protection review conference (ssd_cp_reviews)
CREATE TABLE cp_review (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  cp_plan_id text,
  due_date date,
  review_date date,
  meeting_id text,
  outcome_continue_cp boolean,
  quorate text,
  participation text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX cp_review_current ON cp_review (id) WHERE recorded_to IS NULL;
CREATE INDEX cp_review_person ON cp_review (person_id);
CREATE VIEW current_cp_review AS SELECT * FROM cp_review WHERE recorded_to IS NULL AND NOT deleted;

-- Meeting (tl_meetings)
CREATE TABLE meeting (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  meeting_type text,
  plan_id text,
  held_at timestamptz,
  held_at_has_time boolean,
  chair_id text,
  notes text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX meeting_current ON meeting (id) WHERE recorded_to IS NULL;
CREATE INDEX meeting_person ON meeting (person_id);
CREATE VIEW current_meeting AS SELECT * FROM meeting WHERE recorded_to IS NULL AND NOT deleted;

-- Child in need visit (ssd_cin_visits) (tl_cin_visits)
CREATE TABLE cin_visit (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  visit_date timestamptz,
  visit_date_has_time boolean,
  seen boolean,
  seen_alone boolean,
  bedroom_seen boolean,
  worker_id text,
  child_said text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX cin_visit_current ON cin_visit (id) WHERE recorded_to IS NULL;
CREATE INDEX cin_visit_person ON cin_visit (person_id);
CREATE VIEW current_cin_visit AS SELECT * FROM cin_visit WHERE recorded_to IS NULL AND NOT deleted;

-- Child protection visit (ssd_cp_visits) (tl_cp_visits)
CREATE TABLE cp_visit (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  cp_plan_id text,
  visit_date timestamptz,
  visit_date_has_time boolean,
  seen boolean,
  seen_alone boolean,
  bedroom_seen boolean,
  worker_id text,
  child_said text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX cp_visit_current ON cp_visit (id) WHERE recorded_to IS NULL;
CREATE INDEX cp_visit_person ON cp_visit (person_id);
CREATE VIEW current_cp_visit AS SELECT * FROM cp_visit WHERE recorded_to IS NULL AND NOT deleted;

-- Case supervision or management oversight (tl_supervisions)
CREATE TABLE supervision (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  supervision_type text,
  held_at timestamptz,
  held_at_has_time boolean,
  worker_id text,
  supervisor_id text,
  decision text,
  rationale text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX supervision_current ON supervision (id) WHERE recorded_to IS NULL;
CREATE INDEX supervision_person ON supervision (person_id);
CREATE VIEW current_supervision AS SELECT * FROM supervision WHERE recorded_to IS NULL AND NOT deleted;

-- Allocation (ssd_involvements) (tl_involvements)
CREATE TABLE allocation (
  id text NOT NULL,
  version integer NOT NULL,
  worker_id text,
  role_desc text,
  team_id text,
  start_date date,
  end_date date,
  worker_change_reason text,
  person_id text,
  referral_id text,
  role text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX allocation_current ON allocation (id) WHERE recorded_to IS NULL;
CREATE INDEX allocation_person ON allocation (person_id);
CREATE VIEW current_allocation AS SELECT * FROM allocation WHERE recorded_to IS NULL AND NOT deleted;

-- Looked-after episode (ssd_cla_episodes)
CREATE TABLE cla_episode (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  start_date date,
  start_reason text,
  primary_need text,
  ceased_date date,
  ceased_reason text,
  cla_id text,
  referral_id text,
  placement_id text,
  entered_care_date date,
  last_iro_contact_date date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX cla_episode_current ON cla_episode (id) WHERE recorded_to IS NULL;
CREATE INDEX cla_episode_person ON cla_episode (person_id);
CREATE VIEW current_cla_episode AS SELECT * FROM cla_episode WHERE recorded_to IS NULL AND NOT deleted;

-- Legal status (ssd_legal_status)
CREATE TABLE legal_status (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  legal_status text,
  start_date date,
  end_date date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX legal_status_current ON legal_status (id) WHERE recorded_to IS NULL;
CREATE INDEX legal_status_person ON legal_status (person_id);
CREATE VIEW current_legal_status AS SELECT * FROM legal_status WHERE recorded_to IS NULL AND NOT deleted;

-- Placement (ssd_cla_placement) (tl_cla_placement)
CREATE TABLE placement (
  id text NOT NULL,
  version integer NOT NULL,
  start_date date,
  placement_type text,
  urn text,
  distance numeric,
  cla_id text,
  provider text,
  postcode text,
  end_date date,
  placement_change_reason text,
  person_id text,
  long_term boolean,
  provider_name text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX placement_current ON placement (id) WHERE recorded_to IS NULL;
CREATE INDEX placement_person ON placement (person_id);
CREATE VIEW current_placement AS SELECT * FROM placement WHERE recorded_to IS NULL AND NOT deleted;

-- Looked-after review (ssd_cla_reviews)
CREATE TABLE cla_review (
  id text NOT NULL,
  version integer NOT NULL,
  cla_id text,
  due_date date,
  review_date date,
  cancelled boolean,
  participation text,
  person_id text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX cla_review_current ON cla_review (id) WHERE recorded_to IS NULL;
CREATE INDEX cla_review_person ON cla_review (person_id);
CREATE VIEW current_cla_review AS SELECT * FROM cla_review WHERE recorded_to IS NULL AND NOT deleted;

-- Looked-after visit (ssd_cla_visits) (tl_cla_visits)
CREATE TABLE cla_visit (
  id text NOT NULL,
  version integer NOT NULL,
  cla_id text,
  person_id text,
  visit_date timestamptz,
  visit_date_has_time boolean,
  seen boolean,
  seen_alone boolean,
  worker_id text,
  child_said text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX cla_visit_current ON cla_visit (id) WHERE recorded_to IS NULL;
CREATE INDEX cla_visit_person ON cla_visit (person_id);
CREATE VIEW current_cla_visit AS SELECT * FROM cla_visit WHERE recorded_to IS NULL AND NOT deleted;

-- Missing episode (ssd_missing) (tl_missing)
CREATE TABLE missing_episode (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  start_at timestamptz,
  start_at_has_time boolean,
  missing_type text,
  end_at timestamptz,
  end_at_has_time boolean,
  rhi_offered text,
  rhi_accepted text,
  rhi_offered_at timestamptz,
  rhi_offered_at_has_time boolean,
  rhi_accepted_at timestamptz,
  rhi_accepted_at_has_time boolean,
  rhi_completed_at timestamptz,
  rhi_completed_at_has_time boolean,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX missing_episode_current ON missing_episode (id) WHERE recorded_to IS NULL;
CREATE INDEX missing_episode_person ON missing_episode (person_id);
CREATE VIEW current_missing_episode AS SELECT * FROM missing_episode WHERE recorded_to IS NULL AND NOT deleted;

-- Care leaver status (ssd_care_leavers) (tl_care_leavers)
CREATE TABLE care_leaver (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  eligibility text,
  in_touch text,
  latest_contact_date date,
  accommodation text,
  accommodation_suitable text,
  activity text,
  pathway_plan_review_date date,
  personal_adviser text,
  team_id text,
  worker_id text,
  status_date date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX care_leaver_current ON care_leaver (id) WHERE recorded_to IS NULL;
CREATE INDEX care_leaver_person ON care_leaver (person_id);
CREATE VIEW current_care_leaver AS SELECT * FROM care_leaver WHERE recorded_to IS NULL AND NOT deleted;

-- Permanence and adoption (ssd_permanence)
CREATE TABLE permanence (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  cla_id text,
  adm_decision_date date,
  ffa_cp_decision_date date,
  placement_order_date date,
  placed_for_adoption_date date,
  matched_date date,
  adopted_by_carer boolean,
  placed_ffa_cp_date date,
  decision_reversed_date date,
  placed_foster_carer_date date,
  part_of_sibling_group boolean,
  siblings_placed_together integer,
  siblings_placed_apart integer,
  provider_urn text,
  decision_reversed_reason text,
  permanence_order_date date,
  permanence_order_type text,
  adoption_worker_id text,
  adopter_sex text,
  adopter_legal_status text,
  number_of_adopters integer,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX permanence_current ON permanence (id) WHERE recorded_to IS NULL;
CREATE INDEX permanence_person ON permanence (person_id);
CREATE VIEW current_permanence AS SELECT * FROM permanence WHERE recorded_to IS NULL AND NOT deleted;

-- Case-file audit (tl_case_audits)
CREATE TABLE case_audit (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  auditor_id text,
  team_id text,
  service_area text,
  audit_date date,
  grade text,
  moderated_grade text,
  moderation_date date,
  moderator_id text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX case_audit_current ON case_audit (id) WHERE recorded_to IS NULL;
CREATE INDEX case_audit_person ON case_audit (person_id);
CREATE VIEW current_case_audit AS SELECT * FROM case_audit WHERE recorded_to IS NULL AND NOT deleted;

-- Audit action (tl_audit_actions)
CREATE TABLE audit_action (
  id text NOT NULL,
  version integer NOT NULL,
  audit_id text,
  action text,
  responsible_id text,
  due_date date,
  status text,
  completed_date date,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX audit_action_current ON audit_action (id) WHERE recorded_to IS NULL;
CREATE VIEW current_audit_action AS SELECT * FROM audit_action WHERE recorded_to IS NULL AND NOT deleted;

-- Complaint or compliment (tl_feedback)
CREATE TABLE feedback (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  feedback_type text,
  received_date date,
  responded_date date,
  service_area text,
  team_id text,
  stage integer,
  summary text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX feedback_current ON feedback (id) WHERE recorded_to IS NULL;
CREATE INDEX feedback_person ON feedback (person_id);
CREATE VIEW current_feedback AS SELECT * FROM feedback WHERE recorded_to IS NULL AND NOT deleted;

