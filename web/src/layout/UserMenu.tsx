import { Avatar, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout, IconSwitchHorizontal } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { signOut } from '../api/auth';
import { useMe } from '../api/me';
import { paths } from '../paths';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

export function UserMenu() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  if (!me) return null;

  const handleSignOut = async () => {
    try {
      await signOut();
    } finally {
      // Leave first, then forget: cached data of the old session must not flash on the next sign-in.
      await navigate(paths.signIn());
      queryClient.clear();
    }
  };

  return (
    <Menu position="bottom-end" width={240} shadow="md" withinPortal>
      <Menu.Target>
        {/* Named by its visible text (the user's name), so speech users can say what they see; the initials
            are decoration, and on a phone, where the name is not shown, it is still read out. */}
        <UnstyledButton data-testid="user-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar size={30} radius="xl" color="indigo" variant="light" aria-hidden>
              {initials(me.user.name ?? me.user.email ?? '?')}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm">
              {me.user.name ?? me.user.email}
            </Text>
            <VisuallyHidden hiddenFrom="sm">{me.user.name}</VisuallyHidden>
            <VisuallyHidden>, account menu</VisuallyHidden>
            <IconChevronDown size={14} stroke={1.6} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {me.user.name}
          </Text>
          <Text size="xs" c="dimmed">
            {me.user.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        {me.workspaces.length > 1 && (
          <Menu.Item leftSection={<IconSwitchHorizontal size={16} />} onClick={() => void navigate(paths.home())}>
            Switch workspace
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => void navigate(paths.account())}>
          Your account and API tokens
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void handleSignOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
