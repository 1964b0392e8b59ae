import { useState } from 'react';
import { Alert, Button, Code, CopyButton, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { isApiError } from '../../api/client';
import { roleOptions, useAddMember } from '../../api/administration';
import type { Workspace } from '../../api/types';

/**
 * Add a person by email. Someone with an account joins at once; anyone else gets an invitation whose one-time
 * link is shown here, once, to copy and send.
 */
export function AddMemberForm({ workspace }: { workspace: Workspace }) {
  const add = useAddMember(workspace.id);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('operator');
  const [outcome, setOutcome] = useState<{ kind: 'member'; text: string } | { kind: 'invitation'; text: string; link: string } | null>(null);
  const fieldError = add.error && isApiError(add.error) && add.error.field === 'email' ? add.error.message : null;

  const submit = () => {
    setOutcome(null);
    add.mutate(
      { email, role },
      {
        onSuccess: (result) => {
          setEmail('');
          if ('member' in result) setOutcome({ kind: 'member', text: `${result.member.name ?? result.member.email} joined as ${result.member.role}.` });
          else setOutcome({ kind: 'invitation', text: `${result.invitation.email} has no account yet: send them this link. It works once and expires in 7 days; it is not shown again.`, link: `${window.location.origin}${result.invitation.accept_url}` });
        },
      },
    );
  };

  return (
    <Stack gap="sm" data-testid="add-member">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label="Email" type="email" required w={280} value={email} onChange={(event) => setEmail(event.currentTarget.value)} error={fieldError} />
          <Select label="Role" w={160} data={roleOptions.map((option) => ({ ...option }))} value={role} onChange={(value) => setRole(value ?? 'operator')} allowDeselect={false} />
          <Button type="submit" loading={add.isPending}>
            Add person
          </Button>
        </Group>
      </form>
      {add.error && !fieldError && (
        <Alert color="red" variant="light" data-testid="add-member-refused" withCloseButton closeButtonLabel="Dismiss" onClose={() => add.reset()}>
          {isApiError(add.error) ? add.error.message : 'The person was not added. Try again.'}
        </Alert>
      )}
      {outcome && (
        <Alert color="green" variant="light" data-testid="add-member-outcome" data-kind={outcome.kind} withCloseButton closeButtonLabel="Dismiss" onClose={() => setOutcome(null)}>
          <Stack gap={6}>
            <Text size="sm">{outcome.text}</Text>
            {outcome.kind === 'invitation' && (
              <Group gap="xs" wrap="nowrap">
                <Code style={{ overflowWrap: 'anywhere' }} data-testid="invitation-link">
                  {outcome.link}
                </Code>
                <CopyButton value={outcome.link}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="default" onClick={copy}>
                      {copied ? 'Copied' : 'Copy link'}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
