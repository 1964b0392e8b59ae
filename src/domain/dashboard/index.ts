export * from './open-by-severity';
export * from './needs-attention';
export * from './portfolio';
