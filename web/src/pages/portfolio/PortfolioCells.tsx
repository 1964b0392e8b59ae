import type { ReactNode } from 'react';
import { Badge, Group, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { Link } from 'react-router';
import { findingSeverities, type LatestRun, type PortfolioRow } from '../../api/drift-types';
import { fullLabelBadgeStyles } from '../../components/common/badge-styles';
import { RelativeTime } from '../../components/common/RelativeTime';
import { severityLook } from '../../components/findings/severity';
import { RunBadge } from '../../components/runs/RunBadge';
import { paths } from '../../paths';

/** Open findings per severity, as "2 critical · 1 high"; zero severities are left out, none says so. */
export function OpenFindingsCell({ row }: { row: PortfolioRow }) {
  const present = findingSeverities.filter((severity) => row.drift.open_by_severity[severity] > 0);
  if (present.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="portfolio-open" data-open-total={0}>
        None open
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="wrap" data-testid="portfolio-open" data-open-total={row.drift.open_total}>
      {present.map((severity) => {
        const look = severityLook(severity);
        const SeverityIcon = look.icon;
        return (
          <Badge
            key={severity}
            variant="light"
            color={look.color}
            radius="sm"
            leftSection={<SeverityIcon size={12} aria-hidden />}
            styles={fullLabelBadgeStyles}
            data-severity={severity}
          >
            {row.drift.open_by_severity[severity]} {look.label.toLowerCase()}
          </Badge>
        );
      })}
    </Group>
  );
}

/** A tenant's newest sync or scan: its outcome (or state while it runs) and how long ago, linking to the run. */
export function LatestRunCell({ run, what, children }: { run: LatestRun | null; what: string; children?: ReactNode }) {
  if (!run) {
    return (
      <Stack gap={2} align="flex-start">
        <Text size="sm" c="dimmed">
          Never
        </Text>
        {children}
      </Stack>
    );
  }
  const running = run.status !== 'completed';
  return (
    <Stack gap={2} align="flex-start">
      <Link to={paths.run(String(run.run_id))} style={{ textDecoration: 'none' }}>
        {running ? (
          <RunBadge kind="status" presentation={run.status_presentation} busy={run.status === 'running'} value={run.status} />
        ) : (
          <RunBadge kind="outcome" presentation={run.outcome_presentation} value={run.outcome} />
        )}
        <VisuallyHidden>: open the newest {what}</VisuallyHidden>
      </Link>
      <RelativeTime iso={run.completed_at ?? run.created_at} />
      {children}
    </Stack>
  );
}

/**
 * How current drift is, in the server's one definition (fresh, partly scanned, stale, never scanned): the same
 * label the dashboard's drift card shows and the freshness filter matches. Only an active tenant is scanned, so
 * only there is it a warning; for the others it is told calmly as a fact.
 */
export function StaleCell({ row }: { row: PortfolioRow }) {
  const { freshness } = row.drift;
  if (freshness.state === 'fresh' || row.tenant.status !== 'active') {
    return (
      <Text size="xs" c="dimmed" data-testid="portfolio-stale" data-freshness={freshness.state} data-active="false">
        {freshness.label}
      </Text>
    );
  }
  return (
    <Tooltip label={freshness.description} withArrow multiline maw={280}>
      <Badge
        variant="outline"
        color="orange.9"
        radius="sm"
        leftSection={<IconClockExclamation size={12} aria-hidden />}
        styles={fullLabelBadgeStyles}
        data-testid="portfolio-stale"
        data-freshness={freshness.state}
        data-active="true"
        tabIndex={0}
      >
        {freshness.label}
      </Badge>
    </Tooltip>
  );
}

export function AttentionCell({ row }: { row: PortfolioRow }) {
  if (row.needs_attention.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Stack gap={0} data-testid="portfolio-attention">
      {row.needs_attention.map((item) => (
        <Text key={`${item.kind}:${item.href}`} size="xs">
          {item.title}
        </Text>
      ))}
    </Stack>
  );
}
