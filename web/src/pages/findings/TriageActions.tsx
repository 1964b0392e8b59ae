import { useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { isApiError } from '../../api/client';
import { oneOf } from '../../api/enums';
import { useTriageFinding, type TriageInput } from '../../api/drift';
import { manualClosedReasons, type FindingDetail, type ManualClosedReason, type TriageActionOption } from '../../api/drift-types';
import { GuardedButton } from '../../components/common/GuardedButton';
import { closedReasonLabels } from '../../components/findings/severity';

const REASON_HINTS: Record<ManualClosedReason, string> = {
  risk_accepted: 'The drift is real and accepted; later scans leave this finding closed.',
  false_positive: 'This is not drift worth tracking; later scans leave this finding closed.',
};

const DONE: Record<TriageInput['action'], string> = { acknowledge: 'Finding acknowledged.', close: 'Finding closed.', reopen: 'Finding reopened.' };

/**
 * Acknowledge, close with a reason, reopen (SPEC §5). Each button is disabled with the server's reason when the
 * viewer's role or the finding's state does not allow it; the outcome is told here, under the buttons.
 */
export function TriageActions({ finding }: { finding: FindingDetail }) {
  const triage = useTriageFinding(finding);
  const [closing, closeModal] = useDisclosure(false);
  const [reason, setReason] = useState<ManualClosedReason>('risk_accepted');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);

  const act = (input: TriageInput) => {
    setOutcome(null);
    triage.mutate(input, {
      onSuccess: () => {
        closeModal.close();
        setOutcome({ ok: true, message: input.action === 'close' ? `Finding closed as ${closedReasonLabels[input.reason]?.toLowerCase()}.` : DONE[input.action] });
      },
      onError: (error) => {
        closeModal.close();
        setOutcome({ ok: false, message: isApiError(error) ? error.message : 'The change did not go through. Try again.' });
      },
    });
  };

  const button = (option: TriageActionOption) => (
    <GuardedButton
      key={option.action}
      variant={option.action === 'close' ? 'light' : 'default'}
      data-action={`finding-${option.action}`}
      disabledReason={option.allowed ? null : (option.disabled_reason ?? 'Not available.')}
      loading={triage.isPending && triage.variables?.action === option.action}
      onClick={() => (option.action === 'close' ? closeModal.open() : act({ action: option.action }))}
    >
      {option.label}
    </GuardedButton>
  );

  return (
    <Stack gap="sm" data-testid="triage">
      <Group gap="sm">{finding.triage_actions.map(button)}</Group>
      {outcome && (
        <Alert color={outcome.ok ? 'green' : 'red'} variant="light" data-testid="triage-outcome" withCloseButton closeButtonLabel="Dismiss" onClose={() => setOutcome(null)}>
          {outcome.message}
        </Alert>
      )}
      <Modal opened={closing} onClose={closeModal.close} title={<Text fw={600}>Close this finding</Text>} centered>
        <Stack gap="md" data-testid="close-finding-form">
          <Radio.Group label="Reason" value={reason} onChange={(value) => setReason(oneOf(manualClosedReasons, value) ?? reason)} required>
            <Stack gap="xs" mt={6}>
              {manualClosedReasons.map((value) => (
                <Radio key={value} value={value} label={closedReasonLabels[value]} description={REASON_HINTS[value]} data-autofocus={value === reason || undefined} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea label="Note (optional)" description="Why, for whoever reads this later." maxLength={2000} autosize minRows={2} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={closeModal.close}>
              Keep open
            </Button>
            <Button loading={triage.isPending} onClick={() => act({ action: 'close', reason, note })} data-confirm="finding-close">
              Close finding
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
