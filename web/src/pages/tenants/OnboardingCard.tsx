import { Anchor, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCircleDashed, IconLoader2, IconPointFilled } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Tenant, TenantOnboarding } from '../../api/types';
import { paths } from '../../paths';
import { LifecycleActionButton } from './LifecycleActionButton';

type StepState = TenantOnboarding['steps'][number]['state'];

// Each state has its own icon and words, so no meaning rests on colour alone.
// `text` is a shade dark enough for 4.5:1 on white (the Mantine 9 shades of green and blue are not).
const STATE_LOOK: Record<StepState, { icon: typeof IconCheck; color: string; text: string; words: string }> = {
  done: { icon: IconCheck, color: 'green', text: '#1b6b2d', words: 'Done' },
  current: { icon: IconPointFilled, color: 'indigo', text: '#2f3f9e', words: 'Next' },
  running: { icon: IconLoader2, color: 'blue', text: '#1c5a9c', words: 'Running' },
  failed: { icon: IconAlertTriangle, color: 'red', text: '#a51d1d', words: 'Failed' },
  waiting: { icon: IconCircleDashed, color: 'gray', text: 'var(--mantine-color-dimmed)', words: 'Waiting' },
};

/**
 * The guided onboarding of a tenant (SPEC §1): save the connection → verify it → complete. Each step shows
 * its state from the server, what to do next, and the verification run; "Complete onboarding" is enabled
 * only once the server says it may (its reason shows otherwise). The connection card beside it does the work.
 */
export function OnboardingCard({ tenant, onboarding }: { tenant: Tenant; onboarding: TenantOnboarding }) {
  const complete = tenant.lifecycle_actions.find((action) => action.action === 'complete_onboarding');
  return (
    <Card withBorder radius="md" padding="lg" id="onboarding" data-testid="onboarding-card" tabIndex={-1}>
      <Title order={4} fw={600} mb={4}>
        Onboarding
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Connect this tenant: three steps, in order. The provider connection card does the first two.
      </Text>
      <Stack gap="md" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {onboarding.steps.map((step, index) => {
          const look = STATE_LOOK[step.state];
          return (
            <Group key={step.key} component="li" align="flex-start" wrap="nowrap" gap="sm" data-step={step.key} data-state={step.state}>
              <ThemeIcon size={28} radius="xl" variant="light" color={look.color} aria-hidden>
                <look.icon size={16} />
              </ThemeIcon>
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Group gap={8} wrap="wrap">
                  <Text fw={600} size="sm">
                    {index + 1}. {step.label}
                  </Text>
                  <Text size="xs" c={look.text} fw={600} data-testid="step-state">
                    {look.words}
                  </Text>
                </Group>
                <Text size="sm">{step.detail}</Text>
                {step.run_id !== null && (
                  <Anchor component={Link} to={paths.run(String(step.run_id))} size="sm">
                    View the verification run
                  </Anchor>
                )}
                {step.key === 'complete' && complete && (
                  <Group mt={6}>
                    <LifecycleActionButton tenant={tenant} option={complete} />
                  </Group>
                )}
              </Stack>
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}
