export * from './audit-actions';
export * from './describe-audit-entry';
