import { useDocumentTitle } from '../components/common/useDocumentTitle';
import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconBuildingCommunity, IconChevronRight, IconUsersGroup } from '@tabler/icons-react';
import { Link, Navigate } from 'react-router';
import { useMe } from '../api/me';
import { EmptyState } from '../components/common/EmptyState';
import { ConsoleShell } from '../layout/ConsoleShell';
import { paths } from '../paths';

/** `/`: straight into the only workspace, a chooser when there are several. */
export function WorkspaceChooserPage() {
  useDocumentTitle('Workspaces');
  const { data: me } = useMe();
  const workspaces = me?.workspaces ?? [];
  const only = workspaces.length === 1 ? workspaces[0] : undefined;
  if (only) return <Navigate to={paths.portfolio(only)} replace />;

  return (
    <ConsoleShell workspace={null} tenantId={null}>
      <Stack maw={720} mx="auto" gap="lg" pt="md">
        {workspaces.length === 0 ? (
          <EmptyState
            icon={IconUsersGroup}
            title="No workspace yet"
            description="You are not a member of any workspace. Ask a workspace owner to add you."
          />
        ) : (
          <>
            <Stack gap={4}>
              <Title order={2} fw={650}>
                Choose a workspace
              </Title>
              <Text c="dimmed" size="sm">
                You are a member of {workspaces.length} workspaces.
              </Text>
            </Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              {workspaces.map((workspace) => (
                <UnstyledButton key={workspace.id} component={Link} to={paths.portfolio(workspace)}>
                  <Card withBorder radius="md" padding="lg" className="hover-card">
                    <Group justify="space-between" wrap="nowrap">
                      <Group wrap="nowrap">
                        <ThemeIcon size={40} radius="md" variant="light" color="indigo">
                          <IconBuildingCommunity size={22} stroke={1.6} />
                        </ThemeIcon>
                        <Stack gap={2}>
                          <Text fw={600}>{workspace.name}</Text>
                          <Text size="xs" c="dimmed">
                            {workspace.slug} · {workspace.role}
                          </Text>
                        </Stack>
                      </Group>
                      <IconChevronRight size={18} stroke={1.5} color="var(--mantine-color-gray-5)" />
                    </Group>
                  </Card>
                </UnstyledButton>
              ))}
            </SimpleGrid>
          </>
        )}
      </Stack>
    </ConsoleShell>
  );
}
