import type { Migration } from 'kysely/migration';
import * as initialSchema from './0001-initial-schema';
import * as operationRunLedger from './0002-operation-run-ledger';
import * as operationRunRollups from './0003-operation-run-rollups';
import * as accessChangeNotify from './0004-access-change-notify';
import * as signInLimits from './0005-sign-in-limits';
import * as tenantListKeyset from './0006-tenant-list-keyset';
import * as tenantEntraIdUnique from './0007-tenant-entra-id-unique';
import * as inventory from './0008-inventory';
import * as inventorySearch from './0009-inventory-search';
import * as drift from './0010-drift';
import * as dashboardReads from './0011-dashboard-reads';
import * as administration from './0012-administration';
import * as findingTallies from './0013-finding-tallies';
import * as userIdentities from './0014-user-identities';
import * as tokenRevocationNotify from './0015-token-revocation-notify';
import * as sessionEndNotify from './0016-session-end-notify';
import * as graphRequestBudget from './0017-graph-request-budget';
import * as readableNames from './0018-readable-names';
import * as attentionRunReads from './0019-attention-run-reads';

// Migrations are imported, not discovered on disk, so they work the same under tsx, Vitest and a bundle.
// Names sort in order of application; never rename or edit one that has shipped, add a new one.
export const migrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-operation-run-ledger': operationRunLedger,
  '0003-operation-run-rollups': operationRunRollups,
  '0004-access-change-notify': accessChangeNotify,
  '0005-sign-in-limits': signInLimits,
  '0006-tenant-list-keyset': tenantListKeyset,
  '0007-tenant-entra-id-unique': tenantEntraIdUnique,
  '0008-inventory': inventory,
  '0009-inventory-search': inventorySearch,
  '0010-drift': drift,
  '0011-dashboard-reads': dashboardReads,
  '0012-administration': administration,
  '0013-finding-tallies': findingTallies,
  '0014-user-identities': userIdentities,
  '0015-token-revocation-notify': tokenRevocationNotify,
  '0016-session-end-notify': sessionEndNotify,
  '0017-graph-request-budget': graphRequestBudget,
  '0018-readable-names': readableNames,
  '0019-attention-run-reads': attentionRunReads,
};
