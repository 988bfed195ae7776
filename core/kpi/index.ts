export * from './kpi-period.js';
export * from './kpi-facts.js';
export * from './kpi-counts.js';
export * from './engineer-workload.js';
export * from './desk-seats.js';
export * from './kpi-report.js';
export * from './get-kpi-report.use-case.js';
export * from './period-input.js';
