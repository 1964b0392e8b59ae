import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useLifecycleCatalog } from '../../api/lifecycle';
import { useLifecycleTransition } from '../../api/tenants';
import type { LifecycleAction, LifecycleActionOption, Tenant } from '../../api/types';
import { GuardedButton } from '../../components/common/GuardedButton';
import { LifecycleBadge } from '../../components/lifecycle/LifecycleBadge';

interface LifecycleActionButtonProps {
  tenant: Tenant;
  option: LifecycleActionOption;
  /** The banner words some actions its own way ("Resume onboarding"); the action stays the same. */
  label?: string;
  size?: ButtonProps['size'];
}

// How prominent each action is; archiving is the one that takes something away.
const ACTION_LOOK: Record<LifecycleAction, Pick<ButtonProps, 'variant' | 'color'>> = {
  start_onboarding: { variant: 'filled' },
  complete_onboarding: { variant: 'filled' },
  cancel_onboarding: { variant: 'default' },
  archive: { variant: 'light', color: 'orange' },
  restore: { variant: 'filled' },
};

/**
 * One lifecycle transition as a button: disabled with the server's reason in a tooltip when the viewer
 * may not, a confirmation modal when the transition asks for one, and the result as a notification.
 */
export function LifecycleActionButton({ tenant, option, label, size = 'sm' }: LifecycleActionButtonProps) {
  const [confirming, confirm] = useDisclosure(false);
  const transition = useLifecycleTransition(String(tenant.id));
  const { data: catalog } = useLifecycleCatalog();
  const text = label ?? option.label;
  const look = ACTION_LOOK[option.action] ?? { variant: 'default' };

  // What the tenant will become, told with the server's own presentation of the target state.
  const target = catalog?.transitions.find(
    (t) => t.action === option.action && (t.from === tenant.lifecycle.value || t.from === tenant.status),
  );
  const targetState = catalog?.states.find((s) => s.value === target?.to);

  const run = async () => {
    try {
      const updated = await transition.mutateAsync(option.action);
      confirm.close();
      notifications.show({
        color: 'green',
        title: option.label,
        message: (
          <Group gap={6}>
            <span>{updated.name} is now</span>
            <LifecycleBadge presentation={updated.lifecycle} size="sm" />
          </Group>
        ),
      });
    } catch (error) {
      confirm.close();
      notifications.show({
        color: 'red',
        title: `${option.label} did not go through`,
        message: error instanceof Error ? error.message : 'The server refused the change.',
      });
    }
  };

  return (
    <>
      <GuardedButton
        {...look}
        size={size}
        data-action={option.action}
        disabledReason={option.allowed ? null : (option.disabled_reason ?? 'Your role does not allow this.')}
        loading={transition.isPending && !confirming}
        onClick={() => (option.requires_confirmation ? confirm.open() : void run())}
      >
        {text}
      </GuardedButton>
      {option.allowed && option.requires_confirmation && (
        <Modal opened={confirming} onClose={confirm.close} title={<Text fw={600}>{option.label}: {tenant.name}?</Text>} centered>
          <Stack gap="md" data-testid="lifecycle-confirmation">
            {targetState ? (
              <Stack gap={6}>
                <Group gap={6}>
                  <Text size="sm">The tenant will become</Text>
                  <LifecycleBadge presentation={targetState} size="sm" />
                </Group>
                <Text size="sm" c="dimmed">
                  {targetState.long_description}
                </Text>
              </Stack>
            ) : (
              <Text size="sm">Please confirm this change to {tenant.name}.</Text>
            )}
            <Group justify="flex-end">
              {/* First focus on the safe choice, not on the dialog's close button (issue 20 item 22). */}
              <Button variant="default" onClick={confirm.close} data-autofocus>
                Keep as is
              </Button>
              <Button {...look} variant="filled" loading={transition.isPending} onClick={() => void run()} data-confirm={option.action}>
                {option.label}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}
