// Every badge of the console (lifecycle, run status and outcome, app/RBAC status) keeps its whole label:
// a state read as "Onboard…" or "Not che…" is a state not read. The badge is as wide as its words and its
// table column grows (or wraps) instead.
export const fullLabelBadgeStyles = {
  label: { textTransform: 'none', overflow: 'visible', textOverflow: 'clip' },
  root: { flexShrink: 0, maxWidth: 'none', overflow: 'visible' },
} as const;
