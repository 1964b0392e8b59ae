export * from './compare-policy';
export * from './severity';
export * from './finding-lifecycle';
export * from './detect-drift';
export * from './scan-scope';
export * from './finding-labels';
export * from './drift-freshness';
