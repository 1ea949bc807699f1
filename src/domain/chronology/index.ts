export { CHRONOLOGY_ENTITIES, CHRONOLOGY_KINDS, isChronologyKind, KIND_IDS, type ChronologyEntity, type ChronologyKind } from './kinds.js';
export {
  buildChronology,
  firstRecordedWith,
  newestFirst,
  recordedLater,
  whenOf,
  type ChronologyEntry,
  type ChronologyInput,
  type EntryDetail,
  type EventTime,
  type RecordedLater,
  type RecordHistory,
  type Row,
} from './entries.js';
export {
  applyChronologyFilter,
  chronologyFilterQuery,
  dateFromParts,
  describeChronologyFilter,
  NO_FILTER,
  parseChronologyFilter,
  type ChronologyFilter,
  type DateParts,
  type ParsedFilter,
} from './filter.js';
