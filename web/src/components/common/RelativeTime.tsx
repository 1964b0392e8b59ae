import { Text, Tooltip } from '@mantine/core';
import { formatDateTime, formatRelative } from '../../format/time';

/** "3 minutes ago", with the exact time on hover: how every table in the console shows a moment. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <Tooltip label={formatDateTime(iso)} withArrow>
      <Text size="sm" c="dimmed" span>
        {formatRelative(iso)}
      </Text>
    </Tooltip>
  );
}
