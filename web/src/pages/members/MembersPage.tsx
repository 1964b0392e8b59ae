import { useState } from 'react';
import { Alert, Badge, Box, Card, Group, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { isApiError } from '../../api/client';
import { roleOptions, useChangeRole, useMembers, useRemoveMember, useWithdrawInvitation, type MembersList } from '../../api/administration';
import { GuardedButton } from '../../components/common/GuardedButton';
import { LoadError } from '../../components/common/LoadError';
import { PageHeader } from '../../components/common/PageHeader';
import { PageLoader } from '../../components/common/PageLoader';
import { RelativeTime } from '../../components/common/RelativeTime';
import { useMe } from '../../api/me';
import { useWorkspace } from '../../layout/workspace-context';
import { AddMemberForm } from './AddMemberForm';

const NOT_OWNER = 'Changing members requires the owner role.';

/** A member as the list shows them, with the server's reasons why Remove and the role are unavailable. */
type Member = MembersList['members'][number];

/** The workspace's people (issue 8): who is in it with which role, open invitations, and — for owners — changes. */
export function MembersPage() {
  const { workspace, can } = useWorkspace();
  const { data: me } = useMe();
  const membersQuery = useMembers(workspace.id);
  const changeRole = useChangeRole(workspace.id);
  const remove = useRemoveMember(workspace.id);
  const withdraw = useWithdrawInvitation(workspace.id);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const mayManage = can('manage_members');

  const report = (ok: boolean, text: string) => setOutcome({ ok, text });
  const errorText = (error: unknown) => (isApiError(error) ? error.message : 'The change did not go through. Try again.');
  const who = (member: Member) => member.name ?? member.email ?? `User ${member.user_id}`;

  return (
    <>
      <PageHeader title="Members" documentTitle={['Members', workspace.name]} description="Everyone who can see this workspace, with their role." />
      <Stack gap="lg">
        {mayManage && (
          <Card withBorder radius="md" padding="lg">
            <Title order={3} fz="lg" fw={600} mb="sm">
              Add a person
            </Title>
            <AddMemberForm workspace={workspace} />
          </Card>
        )}
        {outcome && (
          <Alert color={outcome.ok ? 'green' : 'red'} variant="light" data-testid="member-outcome" withCloseButton closeButtonLabel="Dismiss" onClose={() => setOutcome(null)}>
            {outcome.text}
          </Alert>
        )}
        <Card withBorder radius="md" padding="lg">
          <Title order={3} fz="lg" fw={600} mb="sm">
            People
          </Title>
          {membersQuery.isPending ? (
            <PageLoader />
          ) : membersQuery.isError ? (
            <LoadError error={membersQuery.error} title="Could not load the members" onRetry={() => void membersQuery.refetch()} retrying={membersQuery.isFetching} />
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm" data-testid="members-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Person</Table.Th>
                    <Table.Th>Role</Table.Th>
                    <Table.Th>Last sign-in</Table.Th>
                    <Table.Th aria-label="Actions" />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {membersQuery.data.members.map((member) => (
                    <Table.Tr key={member.user_id} data-testid="member-row" data-email={member.email}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {who(member)}
                          {member.user_id === me?.user.id ? ' (you)' : ''}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {member.email}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {mayManage ? (
                          <Tooltip label={member.disabled_reasons.change_role} disabled={member.disabled_reasons.change_role === null} withArrow multiline maw={280}>
                          <Box w={140}>
                          <Select
                            aria-label={`Role of ${who(member)}`}
                            disabled={member.disabled_reasons.change_role !== null}
                            data-disabled-reason={member.disabled_reasons.change_role ?? undefined}
                            size="xs"
                            w={140}
                            data={roleOptions.map((option) => ({ ...option }))}
                            value={member.role}
                            allowDeselect={false}
                            onChange={(role) =>
                              role &&
                              role !== member.role &&
                              changeRole.mutate(
                                { userId: member.user_id, role },
                                { onSuccess: () => report(true, `${who(member)} is now ${role}.`), onError: (error) => report(false, errorText(error)) },
                              )
                            }
                          />
                          </Box>
                          </Tooltip>
                        ) : (
                          <Badge variant="light" color="gray" radius="sm" styles={{ label: { textTransform: 'none' } }}>
                            {member.role}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{member.last_sign_in_at ? <RelativeTime iso={member.last_sign_in_at} /> : <Text size="sm" c="dimmed">Never</Text>}</Table.Td>
                      <Table.Td ta="right">
                        <GuardedButton
                          size="xs"
                          variant="subtle"
                          color="red"
                          disabledReason={member.disabled_reasons.remove}
                          data-action="remove-member"
                          onClick={() =>
                            window.confirm(`Remove ${who(member)} from ${workspace.name}? Their access ends at once.`) &&
                            remove.mutate(member.user_id, { onSuccess: () => report(true, `${who(member)} was removed.`), onError: (error) => report(false, errorText(error)) })
                          }
                        >
                          Remove
                        </GuardedButton>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
        {membersQuery.data && membersQuery.data.invitations.length > 0 && (
          <Card withBorder radius="md" padding="lg" data-testid="invitations">
            <Title order={3} fz="lg" fw={600} mb="sm">
              Open invitations
            </Title>
            <Stack gap="xs">
              {membersQuery.data.invitations.map((invitation) => (
                <Group key={invitation.id} justify="space-between" data-testid="invitation-row" data-email={invitation.email}>
                  <Text size="sm">
                    {invitation.email} · {invitation.role} · {invitation.expired ? 'expired' : <>expires <RelativeTime iso={invitation.expires_at} /></>}
                  </Text>
                  <GuardedButton
                    size="xs"
                    variant="subtle"
                    disabledReason={mayManage ? null : NOT_OWNER}
                    onClick={() => withdraw.mutate(invitation.id, { onSuccess: () => report(true, `The invitation to ${invitation.email} was withdrawn.`), onError: (error) => report(false, errorText(error)) })}
                  >
                    Withdraw
                  </GuardedButton>
                </Group>
              ))}
            </Stack>
          </Card>
        )}
        {!mayManage && (
          <Text size="sm" c="dimmed">
            Only owners add, change and remove members.
          </Text>
        )}
      </Stack>
    </>
  );
}
