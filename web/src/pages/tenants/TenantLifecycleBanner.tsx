import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import type { LifecycleAction, Tenant } from '../../api/types';
import { LifecycleIcon } from '../../components/lifecycle/LifecycleIcon';
import { LifecyclePresentation } from '../../components/lifecycle/LifecyclePresentation';
import { lifecycleBannerKind, type LifecycleBannerKind } from '../../components/lifecycle/lifecycle-state';
import { lifecycleColor } from '../../components/lifecycle/lifecycle-tokens';
import { Link } from 'react-router';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';
import { LifecycleActionButton } from './LifecycleActionButton';

// What each banner is about and which transition it offers (SPEC §2: archived → restore,
// onboarding → resume onboarding, draft → start onboarding, invalid → a data problem, no action).
const BANNERS: Record<LifecycleBannerKind, { title: string; action: LifecycleAction | null; actionLabel?: string }> = {
  archived: { title: 'This tenant is read-only', action: 'restore' },
  onboarding: { title: 'Onboarding is not finished', action: 'complete_onboarding', actionLabel: 'Resume onboarding' },
  draft: { title: 'This tenant is not onboarded yet', action: 'start_onboarding', actionLabel: 'Start onboarding' },
  invalid: { title: 'Lifecycle data problem', action: null },
};

/** The transition the banner offers for this tenant, so the page header does not offer it a second time. */
export function bannerAction(tenant: Tenant): LifecycleAction | null {
  const kind = lifecycleBannerKind(tenant.lifecycle);
  return kind ? BANNERS[kind].action : null;
}

/** Shown at the top of every page of a tenant whose lifecycle is not active. */
export function TenantLifecycleBanner({ tenant }: { tenant: Tenant }) {
  const kind = lifecycleBannerKind(tenant.lifecycle);
  const { workspace } = useWorkspace();
  if (!kind) return null;
  const banner = BANNERS[kind];
  const option = banner.action ? tenant.lifecycle_actions.find((a) => a.action === banner.action) : undefined;

  return (
    <Alert
      mb="lg"
      radius="md"
      variant="light"
      color={lifecycleColor(tenant.lifecycle)}
      icon={<LifecycleIcon presentation={tenant.lifecycle} size={20} />}
      title={banner.title}
      data-testid="lifecycle-banner"
      data-banner={kind}
    >
      <Group justify="space-between" align="center" wrap="wrap" gap="md">
        <Stack gap={6} style={{ flex: '1 1 320px' }}>
          <LifecyclePresentation presentation={tenant.lifecycle} surface="banner" />
          {kind === 'invalid' && (
            <Text size="sm">
              Stored value: <Code data-testid="raw-lifecycle-value">{JSON.stringify(tenant.status)}</Code>. Correct the
              tenant record to restore normal lifecycle actions.
            </Text>
          )}
        </Stack>
        {kind === 'onboarding' ? (
          // Resuming means going back to the steps, not completing blindly: the onboarding card completes
          // once the connection is verified.
          <Button component={Link} to={`${paths.tenant(workspace, String(tenant.id))}#onboarding`} onClick={focusOnboarding} data-action="resume-onboarding">
            Resume onboarding
          </Button>
        ) : (
          option && <LifecycleActionButton tenant={tenant} option={option} label={banner.actionLabel} />
        )}
      </Group>
    </Alert>
  );
}

function focusOnboarding(event: React.MouseEvent) {
  const card = document.getElementById('onboarding');
  if (!card) return;
  event.preventDefault();
  card.scrollIntoView({ behavior: 'smooth', block: 'start' });
  card.focus({ preventScroll: true });
}
