export * from './run-types';
export * from './run-status';
export * from './run-tabs';
export * from './kpi-windows';
export * from './summary-counts';
export * from './failure-summary';
export * from './outcome-rules';
export * from './start-refusal';
