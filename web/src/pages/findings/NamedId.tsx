import { ActionIcon, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

interface NamedIdProps {
  /** Intune's words for it (a setting's display name, a group's name); null when unknown. */
  name: string | null;
  /** The identity TenantAtlas compares by: shown below the name, or alone when there is no name. Copyable. */
  id: string;
  /** What the id is, for the copy button's name: "setting id", "group id". */
  what: string;
  /** Why there is no name, in plain words ("name unavailable: grant Group.Read.All"). */
  note?: string | null;
  /** Text before the name, e.g. "Group: " or "↳ ". */
  prefix?: string;
}

/**
 * A name for people with its id beneath, small and copyable — or the id alone with a plain note when the name is
 * unknown. The screen stays calm: the name is what reads first; the id is there for support and searching.
 */
export function NamedId({ name, id, what, note, prefix = '' }: NamedIdProps) {
  return (
    <Stack gap={0} data-testid="named-id" data-id={id}>
      {name && (
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }} data-testid="named-id-name">
          {prefix}
          {name}
        </Text>
      )}
      <Group gap={2} wrap="nowrap" align="center">
        <Text size={name ? 'xs' : 'sm'} c={name ? 'dimmed' : undefined} ff="monospace" style={{ wordBreak: 'break-all' }}>
          {name ? '' : prefix}
          {id}
        </Text>
        <CopyButton value={id} timeout={1500}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : `Copy ${what}`} withArrow position="top">
              <ActionIcon
                variant="subtle"
                color={copied ? 'green' : 'gray'}
                size="xs"
                onClick={(event) => {
                  event.stopPropagation();
                  copy();
                }}
                aria-label={copied ? `${what} copied` : `Copy ${what}`}
              >
                {copied ? <IconCheck size={12} aria-hidden /> : <IconCopy size={12} aria-hidden />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      {!name && note && (
        <Text size="xs" c="dimmed" data-testid="name-note">
          {note}
        </Text>
      )}
    </Stack>
  );
}
