import type { MantineColor } from '@mantine/core';

// Colour tokens of the non-lifecycle vocabularies (app/RBAC status, run status and outcome). They share the
// token words with lifecycle but are their own vocabularies, so they get their own, more forgiving, mapping:
// a plain Mantine colour name passes through and anything unknown is calm gray.
const TOKEN_COLORS: Record<string, MantineColor> = {
  gray: 'gray',
  info: 'blue',
  success: 'green',
  warning: 'orange',
  danger: 'red',
};

const MANTINE_COLORS = new Set([
  'dark', 'gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange',
]);

export function statusColor(token: string | null | undefined): MantineColor {
  if (!token) return 'gray';
  return TOKEN_COLORS[token] ?? (MANTINE_COLORS.has(token) ? token : 'gray');
}
