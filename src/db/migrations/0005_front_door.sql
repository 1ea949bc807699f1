-- The front door's queues and the referral hub: indexes only (no new tables).
-- Contacts waiting for a decision, most urgent first, and the latest decisions.
CREATE INDEX fd_contact_waiting ON contact (received_at) WHERE recorded_to IS NULL AND decision_at IS NULL;
CREATE INDEX fd_contact_decided ON contact (decision_at) WHERE recorded_to IS NULL AND decision_at IS NOT NULL;
-- Step-ups from early help: the episode behind a step-up contact, and step-ups asked for with no contact yet.
CREATE INDEX fd_early_help_step_up ON early_help_episode (step_up_contact_id) WHERE recorded_to IS NULL AND step_up_contact_id IS NOT NULL;
CREATE INDEX fd_early_help_step_up_waiting ON early_help_episode (step_up_requested_date)
  WHERE recorded_to IS NULL AND step_up_requested_date IS NOT NULL AND step_up_contact_id IS NULL;
-- Child records reached from their parent record.
CREATE INDEX fd_strategy_agency_strategy ON strategy_agency (strategy_id) WHERE recorded_to IS NULL;
CREATE INDEX fd_assessment_factors_assessment ON assessment_factors (assessment_id) WHERE recorded_to IS NULL;
