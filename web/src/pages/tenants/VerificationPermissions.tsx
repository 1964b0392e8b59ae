import { List, Stack, Text } from '@mantine/core';
import type { Run } from '../../api/types';

// What a provider.verify run reports about the app registration's Graph application permissions, in words
// (src/jobs/handlers/provider-verify.ts puts `permissions` and `organization` in the run's context). Shown on
// the tenant's provider-connection card and on the run viewer.

type PermissionStatus = 'granted' | 'missing' | 'unchecked';

interface PermissionResult {
  permission: string;
  status: PermissionStatus;
  optional: boolean;
  needed_for: string[];
  detail: string | null;
}

interface OrganizationResult {
  status: 'read' | 'not_permitted' | 'error';
  display_name: string | null;
  default_domain: string | null;
}

/** A line: one permission, or alternatives sharing status and purpose ("GroupMember.Read.All or Group.Read.All"). */
interface PermissionLine {
  names: string[];
  status: PermissionStatus;
  optional: boolean;
  needed_for: string[];
  detail: string | null;
}

function isPermissionResult(value: unknown): value is PermissionResult {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.permission === 'string' && ['granted', 'missing', 'unchecked'].includes(String(entry.status)) && Array.isArray(entry.needed_for);
}

export function permissionResultsOf(run: Pick<Run, 'context'> | null | undefined): PermissionResult[] {
  const value = (run?.context as Record<string, unknown> | null | undefined)?.permissions;
  return Array.isArray(value) ? value.filter(isPermissionResult) : [];
}

export function organizationOf(run: Pick<Run, 'context'> | null | undefined): OrganizationResult | null {
  const value = (run?.context as Record<string, unknown> | null | undefined)?.organization;
  if (typeof value !== 'object' || value === null) return null;
  const organization = value as Record<string, unknown>;
  if (!['read', 'not_permitted', 'error'].includes(String(organization.status))) return null;
  return {
    status: organization.status as OrganizationResult['status'],
    display_name: typeof organization.display_name === 'string' ? organization.display_name : null,
    default_domain: typeof organization.default_domain === 'string' ? organization.default_domain : null,
  };
}

function linesOf(results: PermissionResult[]): PermissionLine[] {
  const lines = new Map<string, PermissionLine>();
  for (const result of results) {
    const neededFor = result.needed_for.filter((item) => typeof item === 'string');
    const key = `${result.status}|${result.optional}|${neededFor.join('|')}`;
    const line = lines.get(key);
    if (line) line.names.push(result.permission);
    else lines.set(key, { names: [result.permission], status: result.status, optional: result.optional, needed_for: neededFor, detail: result.detail ?? null });
  }
  return [...lines.values()];
}

const NAMED_IN_SHORT = 4;

function inWords(items: string[], short: boolean): string {
  const shown = short && items.length > NAMED_IN_SHORT ? [...items.slice(0, NAMED_IN_SHORT), `${items.length - NAMED_IN_SHORT} more`] : items;
  if (shown.length <= 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/**
 * The plain list: "Missing: DeviceManagementApps.Read.All — needed for …", "Could not be checked: …",
 * "Granted: …", then the optional ones (tenant name, group names). `short` names at most four types per line
 * (the provider card); the run viewer names all of them.
 */
export function VerificationPermissions({ run, short = false }: { run: Pick<Run, 'context'>; short?: boolean }) {
  const results = permissionResultsOf(run);
  const organization = organizationOf(run);
  if (results.length === 0) return null;
  const lines = linesOf(results);
  const required = lines.filter((line) => !line.optional);
  const optional = lines.filter((line) => line.optional);
  const grantedRequired = results.filter((result) => !result.optional && result.status === 'granted').map((result) => result.permission);
  const grantedOptional = results.filter((result) => result.optional && result.status === 'granted').map((result) => result.permission);

  const problemLine = (line: PermissionLine, prefix: string) => (
    <List.Item key={`${line.status}-${line.names.join('-')}`} data-testid={line.status === 'missing' ? 'permission-missing' : 'permission-unchecked'} data-permission={line.names.join(' ')}>
      <Text size="sm" span fw={600}>
        {prefix}:
      </Text>{' '}
      <Text size="sm" span ff="monospace">
        {line.names.join(' or ')}
      </Text>
      <Text size="sm" span>
        {' '}— needed for {inWords(line.needed_for, short)}
        {line.status === 'unchecked' && line.detail ? ` (${line.detail.replace(/\.$/, '')})` : ''}
      </Text>
    </List.Item>
  );

  return (
    <Stack gap={6} data-testid="verification-permissions">
      <Text size="sm" fw={600} component="h5" m={0}>
        Graph permissions
      </Text>
      <List size="sm" spacing={4} listStyleType="none" withPadding={false}>
        {required.filter((line) => line.status === 'missing').map((line) => problemLine(line, 'Missing'))}
        {required.filter((line) => line.status === 'unchecked').map((line) => problemLine(line, 'Could not be checked'))}
        {grantedRequired.length > 0 && (
          <List.Item data-testid="permissions-granted">
            <Text size="sm" span fw={600}>
              Granted:
            </Text>{' '}
            <Text size="sm" span ff="monospace">
              {grantedRequired.join(', ')}
            </Text>
          </List.Item>
        )}
        {optional.filter((line) => line.status === 'missing').map((line) => problemLine(line, 'Optional, not granted'))}
        {optional.filter((line) => line.status === 'unchecked').map((line) => problemLine(line, 'Optional, could not be checked'))}
        {grantedOptional.length > 0 && (
          <List.Item data-testid="permissions-granted-optional">
            <Text size="sm" span fw={600}>
              Optional, granted:
            </Text>{' '}
            <Text size="sm" span ff="monospace">
              {grantedOptional.join(', ')}
            </Text>
          </List.Item>
        )}
      </List>
      {organization?.status === 'read' && organization.display_name && (
        <Text size="sm" data-testid="verified-organization">
          Microsoft Graph names the tenant {organization.display_name}
          {organization.default_domain ? ` (${organization.default_domain})` : ''}.
        </Text>
      )}
    </Stack>
  );
}
