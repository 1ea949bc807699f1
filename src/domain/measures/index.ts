/**
 * The performance measures: one named definition per measure (src/domain/measures/definitions), computed from
 * the measure inputs with every figure traceable to its drill-down rows.
 *
 *   const ctx = measureContext(inputs, { standards: { assessmentFrom: 'referral' } });
 *   const value = computeMeasure(measureById('m06-cp-visits-10wd'), ctx, '2025-03');
 *   const children = [...measureById('m06-cp-visits-10wd').rows(ctx, '2025-03')];
 */
export * from './inputs.js';
export { computeMeasure, computeMeasures } from './compute.js';
export { measureContext, openAt, type ClaReview, type MeasureContext, type MonthlyEvents, type OpenLists, type PeriodOfCare, type PersonRecords } from './context.js';
export { measuresMarkdown } from './docs.js';
export {
  addMonthsToMonth, financialYearStart, isMonth, knownAtInstant, monthEnd, monthLabel, monthStart, monthsEnding, reportingPeriod, type Frequency, type ReportingPeriod,
} from './period.js';
export { choosePopulation, type PopulationChoice } from './population.js';
export { measureById, measureByNumber, measures } from './registry.js';
export {
  DEFAULT_MEASURE_SETTINGS, measureSettings, SETTING_DOCS, type MeasureSettings, type MeasureSettingsOverrides, type SettingName,
} from './settings.js';
export { drillRow, type DefinitionText, type DrillRow, type MeasureDefinition, type MeasureExample, type MeasureValue, type Unit } from './types.js';
export { formatUnits, roundedRatio, roundedUnits, toThousandths } from './arithmetic.js';
