import { Group, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconTopologyStar3 } from '@tabler/icons-react';
import { Link } from 'react-router';

export function BrandMark() {
  return (
    <UnstyledButton component={Link} to="/" aria-label="TenantAtlas home">
      <Group gap={8} wrap="nowrap">
        <ThemeIcon size={30} radius="md" variant="gradient" gradient={{ from: 'indigo.6', to: 'cyan.5', deg: 135 }}>
          <IconTopologyStar3 size={18} stroke={1.8} />
        </ThemeIcon>
        <Text fw={700} size="md" visibleFrom="xs">
          TenantAtlas
        </Text>
      </Group>
    </UnstyledButton>
  );
}
