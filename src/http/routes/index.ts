import type { RegisterRoutes } from '../app-context';
import { registerAuthRoutes } from './auth';
import { registerLifecycleRoutes } from './lifecycle';
import { registerTenantRoutes } from './tenants';

// One file per resource; adding a resource means adding it here.
export const routeModules: RegisterRoutes[] = [registerAuthRoutes, registerLifecycleRoutes, registerTenantRoutes];
