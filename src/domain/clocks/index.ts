export {
  dayClock,
  hourClock,
  type Clock,
  type ClockContext,
  type ClockDefinition,
  type ClockId,
  type ClockInfo,
  type ClockState,
  type ClockStatus,
  type ClockUnit,
  type DateInput,
  type DayClock,
  type DayClockStatus,
  type HourClock,
  type HourClockStatus,
} from './clock.js';
export * from './registry.js';
export {
  assessmentDeadline,
  nextClaReview,
  nextClaVisit,
  nextCpReview,
  nextRecurring,
  type Deadline,
  type PlacementForVisits,
} from './schedules.js';
export { DEFAULT_LOCAL_STANDARDS, localStandards, type LocalStandards, type NumericStandard } from './standards.js';
export { describeStatus, formatDueTime, formatElapsed, formatShortDate } from './describe.js';
