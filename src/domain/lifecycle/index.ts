export * from './lifecycle-state';
export * from './present';
export * from './surface-variants';
export * from './referenced-tenant';
export * from './transitions';
export * from './lifecycle-filter';
