/**
 * DfE comparators: published figures for England, regions, authorities and statistical-neighbour averages,
 * from the files in reference/dfe/ (Open Government Licence v3.0). See reference/dfe/README.md.
 */
export * from './sources.js';
export * from './measures.js';
export * from './periods.js';
export * from './table.js';
export * from './comparators.js';
export { loadDfeTable, clearDfeTableCache, dfeReferenceFolder } from './load.js';
export { parseDecimal, roundRatio, meanOf, ratePer10k, type Decimal } from './decimal.js';
