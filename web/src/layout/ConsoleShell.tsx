import type { ReactNode } from 'react';
import { AppShell, Box, Burger, Divider, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Workspace } from '../api/types';
import { BrandMark } from './BrandMark';
import { TenantSelector } from './TenantSelector';
import { UserMenu } from './UserMenu';
import { WorkspaceNav } from './WorkspaceNav';

interface ConsoleShellProps {
  /** Null on pages outside any workspace (the chooser, a run that could not be found). */
  workspace: Workspace | null;
  tenantId: string | null;
  children: ReactNode;
}

export function ConsoleShell({ workspace, tenantId, children }: ConsoleShellProps) {
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={workspace ? { width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } } : undefined}
      padding="xl"
      bg="var(--mantine-color-gray-0)"
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
            {workspace && <Burger opened={navOpened} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label={navOpened ? 'Close navigation' : 'Open navigation'} />}
            <BrandMark />
            {workspace && (
              <>
                <Divider orientation="vertical" visibleFrom="sm" />
                <Text size="sm" fw={500} c="dimmed" truncate visibleFrom="sm" data-testid="workspace-name">
                  {workspace.name}
                </Text>
                <TenantSelector workspace={workspace} tenantId={tenantId} />
              </>
            )}
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>

      {workspace && (
        <AppShell.Navbar p="sm">
          <WorkspaceNav workspace={workspace} tenantId={tenantId} onNavigate={closeNav} />
        </AppShell.Navbar>
      )}

      <AppShell.Main>
        <Box maw={1200} mx="auto">
          {children}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
