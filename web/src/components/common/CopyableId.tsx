import { ActionIcon, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

interface CopyableIdProps {
  value: string;
  /** What the id is, for the button's name: "Copy run id". */
  what: string;
  /** Shown instead of the bare value (e.g. "#12" for run 12); the bare value is what gets copied. */
  display?: string;
}

/** An id shown in monospace with a one-click copy button that says when it copied. */
export function CopyableId({ value, what, display }: CopyableIdProps) {
  return (
    <Group gap={4} wrap="nowrap" display="inline-flex" data-testid="copyable-id">
      <Text size="sm" ff="monospace" span style={{ wordBreak: 'break-all' }}>
        {display ?? value}
      </Text>
      <CopyButton value={value} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : `Copy ${what}`} withArrow position="top">
            <ActionIcon
              variant="subtle"
              color={copied ? 'green' : 'gray'}
              size="sm"
              onClick={(event) => {
                event.stopPropagation();
                copy();
              }}
              aria-label={copied ? `${what} copied` : `Copy ${what}`}
            >
              {copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
