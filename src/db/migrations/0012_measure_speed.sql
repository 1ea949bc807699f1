-- The measures read each table's rows as known at an instant, limited to the months asked for plus a look-back
-- (src/repositories/measure-inputs.ts): decisions, visits and supervision from a date, referrals open from a
-- date. Over ten years of records a whole-table scan of the visit and supervision tables is much of the time the
-- dataset takes (on PGlite every query runs in the one process, one after another). These indexes cover every
-- version (a "known at" instant reads old versions too), and the tables are written in roughly date order, so a
-- range of dates is a narrow range of pages.

CREATE INDEX contact_decision_at_idx ON contact (decision_at);
CREATE INDEX cin_visit_date_idx ON cin_visit (visit_date);
CREATE INDEX cp_visit_date_idx ON cp_visit (visit_date);
CREATE INDEX cla_visit_date_idx ON cla_visit (visit_date);
CREATE INDEX supervision_held_at_idx ON supervision (held_at);
CREATE INDEX referral_date_idx ON referral (referral_date);
CREATE INDEX referral_close_date_idx ON referral (close_date);
