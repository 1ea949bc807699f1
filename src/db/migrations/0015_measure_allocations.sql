-- The measures read the allocations open at some point in the months asked for ("no end date, or an end date on
-- or after the first day"): over ten years most allocations have ended long before, so an index on the end date
-- reads the few thousand open ones instead of scanning every allocation (src/repositories/measure-inputs.ts).
CREATE INDEX allocation_end_date_idx ON allocation (end_date);
