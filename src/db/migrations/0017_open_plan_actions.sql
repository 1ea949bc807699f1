-- A team's case records (src/repositories/caseload.ts) read the open plan actions of its children (and the CIN plans
-- those belong to): 9,465 of 450,399 plan actions on the 10-year authority. Indexed on their own, the children's
-- open actions are read without every action they ever had.
CREATE INDEX plan_action_open_person ON plan_action (person_id) WHERE recorded_to IS NULL AND status IN ('OPEN', 'PROG');
