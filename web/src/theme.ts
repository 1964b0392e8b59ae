import { createTheme, darken, defaultVariantColorsResolver, parseThemeColor, type CSSVariablesResolver, type VariantColorsResolver } from '@mantine/core';

// Calm and quiet: one accent colour, soft radii, readable sizes — and every text at WCAG 2.1 AA contrast
// (4.5:1; axe-core checks every page in test/e2e/accessibility.test.ts). Mantine's defaults miss it in three
// places, fixed here once rather than per component:
// - "dimmed" text is gray-6 (3.3:1 on white): it becomes a darker gray (6.1:1, 5.5:1 on gray-1);
// - the accent is indigo-8 instead of indigo-6, so links, active navigation and filled buttons reach 5:1;
// - light and outline badges/buttons write their text in shade 9 darkened by a quarter, which takes every
//   colour the lifecycle and status tokens map to (gray, blue, green, orange, red) above 5:1 on its tint.
// The tokens themselves (gray, info, success, warning, danger → Mantine colours) stay where they are mapped.

const READABLE_TEXT_DARKEN = 0.25;

const variantColorResolver: VariantColorsResolver = (input) => {
  const defaults = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || !parsed.color) return defaults;
  const shades = input.theme.colors[parsed.color];
  if (!shades) return defaults;
  const readable = darken(shades[9], READABLE_TEXT_DARKEN);
  if (input.variant === 'light' || input.variant === 'subtle') return { ...defaults, color: readable, hoverColor: readable };
  if (input.variant === 'outline') return { ...defaults, color: readable, border: `1px solid ${readable}` };
  if (input.variant === 'filled' && parsed.color !== 'gray') {
    // White on shade 8 is below 4.5:1 for green, orange, yellow and teal; shade 9 darkened is above it.
    return { ...defaults, background: darken(shades[9], 0.15), hover: darken(shades[9], 0.25), color: 'var(--mantine-color-white)' };
  }
  return defaults;
};

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5c636a', '--mantine-color-placeholder': '#6b7178' },
  dark: {},
});

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  fontFamily:
    'Inter, "Segoe UI", system-ui, -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  variantColorResolver,
  components: {
    Table: { defaultProps: { striped: false } },
    Card: { defaultProps: { shadow: 'xs' } },
    Paper: { defaultProps: { shadow: 'xs' } },
    // Every dialog's close button says what it does (axe: button-name); focus returns to the opener (Mantine's default, kept explicit).
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' }, returnFocus: true } },
  },
});
