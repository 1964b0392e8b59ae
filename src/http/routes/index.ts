import type { RegisterRoutes } from '../app-context';
import { registerAuditRoutes } from './audit';
import { registerAuthRoutes } from './auth';
import { registerDashboardRoutes } from './dashboard';
import { registerDriftRoutes } from './drift';
import { registerEntraIdSignInRoutes } from './entra-id-sign-in';
import { registerInventoryRoutes } from './inventory';
import { registerLifecycleRoutes } from './lifecycle';
import { registerMemberRoutes } from './members';
import { registerMeAccountRoutes } from './me-account';
import { registerMeTokenRoutes } from './me-tokens';
import { registerOperationRunRoutes } from './operation-runs';
import { registerOperationsRoutes } from './operations';
import { registerProviderConnectionRoutes } from './provider-connection';
import { registerScheduleRoutes } from './schedule';
import { registerTenantEventRoutes } from './tenant-events';
import { registerTenantRoutes } from './tenants';

// One file per resource; adding a resource means adding it here.
export const routeModules: RegisterRoutes[] = [
  registerAuthRoutes,
  registerEntraIdSignInRoutes,
  registerLifecycleRoutes,
  registerTenantRoutes,
  registerProviderConnectionRoutes,
  registerOperationsRoutes,
  registerOperationRunRoutes,
  registerInventoryRoutes,
  registerDriftRoutes,
  registerDashboardRoutes,
  registerScheduleRoutes,
  registerAuditRoutes,
  registerMemberRoutes,
  registerMeTokenRoutes,
  registerMeAccountRoutes,
  registerTenantEventRoutes,
];
