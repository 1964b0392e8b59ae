import { Anchor, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockExclamation, IconX, type Icon } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { NeedsAttentionItem, TenantDashboard } from '../../api/drift-types';

const KIND_LOOK: Record<string, { icon: Icon; color: string; action: string }> = {
  open_findings: { icon: IconAlertTriangle, color: 'orange', action: 'Review findings' },
  failed_run: { icon: IconX, color: 'red', action: 'Open the run' },
  partial_run: { icon: IconAlertTriangle, color: 'yellow', action: 'Open the run' },
  stale_drift: { icon: IconClockExclamation, color: 'yellow', action: 'Go to Scan now' },
};

/**
 * SPEC §3 "Needs attention": each item says what and how many, and links to where it is dealt with (every run that
 * failed or was partial in the last 7 days, open high and critical findings, drift to scan). The stale
 * item's link points at this page's "Scan now" (an in-page anchor: starting a scan is a button, not a link).
 */
export function NeedsAttentionCard({ items, freshness }: { items: NeedsAttentionItem[]; freshness: TenantDashboard['drift']['freshness'] }) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid="needs-attention">
      <Title order={3} fz="lg" fw={600} mb="sm">
        Needs attention
      </Title>
      {items.length === 0 ? (
        <Group gap="sm" data-testid="needs-attention-empty">
          <ThemeIcon variant="light" color="green" radius="xl" aria-hidden>
            <IconCircleCheck size={18} />
          </ThemeIcon>
          {/* Says only what is true: drift is named by the server's freshness, never assumed fresh. */}
          <Text size="sm">
            Nothing needs attention: no open high or critical findings and no failed or partial runs in the last 7 days. Drift: {freshness.label.toLowerCase()}.
          </Text>
        </Group>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((item) => {
            const look = KIND_LOOK[item.kind] ?? { icon: IconAlertTriangle, color: 'gray', action: 'Open' };
            const ItemIcon = look.icon;
            const hash = item.href.includes('#') ? item.href.slice(item.href.indexOf('#')) : null;
            return (
              <Group key={`${item.kind}:${item.href}`} component="li" gap="sm" wrap="nowrap" align="flex-start" data-testid="attention-item" data-kind={item.kind}>
                <ThemeIcon variant="light" color={look.color} radius="xl" aria-hidden>
                  <ItemIcon size={16} />
                </ThemeIcon>
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500}>
                    {item.title}
                  </Text>
                  {hash ? (
                    <Anchor href={hash} size="sm">
                      {look.action}
                    </Anchor>
                  ) : (
                    <Anchor component={Link} to={item.href} size="sm" aria-label={`${look.action}: ${item.title}`}>
                      {look.action}
                    </Anchor>
                  )}
                </Stack>
              </Group>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
