export * from './when.js';
export * from './deadline.js';
export * from './involvement.js';
export * from './rules.js';
export * from './journey.js';
export * from './visits.js';
