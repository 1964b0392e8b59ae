import { describe, expect, it } from 'vitest';
import { lifecycleStates, lifecycleSurfaceVariants, present, surfaceVariant } from '../../src/domain/lifecycle';

describe('present() for the canonical lifecycle states', () => {
  const expected = {
    draft: { label: 'Draft', badge_color: 'gray', badge_icon: 'pencil', meaning: /not yet onboarded/i },
    onboarding: { label: 'Onboarding', badge_color: 'info', badge_icon: 'progress', meaning: /incomplete/i },
    active: { label: 'Active', badge_color: 'success', badge_icon: 'circle-check', meaning: /operations run normally/i },
    archived: { label: 'Archived', badge_color: 'warning', badge_icon: 'archive', meaning: /read-only/i },
  } as const;

  it.each(lifecycleStates)('%s has its exact label, colour, icon and descriptions', (state) => {
    const p = present(state);
    const e = expected[state];
    expect(p.value).toBe(state);
    expect(p.label).toBe(e.label);
    expect(p.badge_color).toBe(e.badge_color);
    expect(p.badge_icon).toBe(e.badge_icon);
    expect(p.short_description.trim()).not.toBe('');
    expect(p.long_description.trim()).not.toBe('');
    expect(`${p.short_description} ${p.long_description}`).toMatch(e.meaning);
    expect(p.is_invalid_fallback).toBe(false);
    expect(p.label).not.toMatch(/unknown/i);
  });

  it('archived descriptions say history is kept and it can be restored', () => {
    expect(present('archived').long_description).toMatch(/history/i);
    expect(present('archived').long_description).toMatch(/restored/i);
  });

  it('covers exactly the four states, in lifecycle order', () => {
    expect(lifecycleStates).toEqual(['draft', 'onboarding', 'active', 'archived']);
  });
});

describe('present() for non-canonical values', () => {
  const nonCanonical: unknown[] = [
    null,
    undefined,
    '',
    ' ',
    'ACTIVE',
    'Active',
    ' active',
    'active ',
    'archive',
    'deleted',
    'unknown',
    'draft\n',
    0,
    1,
    42.5,
    true,
    {},
    ['active'],
  ];

  it.each(nonCanonical.map((v) => [JSON.stringify(v) ?? String(v), v]))('%s falls back to Invalid lifecycle', (_name, value) => {
    const p = present(value);
    expect(p.is_invalid_fallback).toBe(true);
    expect(p.label).toBe('Invalid lifecycle');
    expect(p.badge_color).toBe('danger');
    expect(p.badge_icon).toBe('alert-triangle');
    expect(p.long_description).toMatch(/not one of/i);
  });

  it('keeps the raw stored value, never a guess', () => {
    expect(present('ACTIVE').value).toBe('ACTIVE');
    expect(present(' active').value).toBe(' active');
    expect(present(7).value).toBe(7);
    expect(present(undefined).value).toBeNull();
  });
});

describe('surface variants', () => {
  it('each surface shows exactly the parts of SPEC §2', () => {
    expect(lifecycleSurfaceVariants).toEqual({
      table: { show_badge: true, show_short_description: false, show_long_description: false, show_context_note: false },
      detail: { show_badge: true, show_short_description: true, show_long_description: false, show_context_note: false },
      selector: { show_badge: true, show_short_description: true, show_long_description: false, show_context_note: false },
      canonical_viewer: { show_badge: true, show_short_description: false, show_long_description: true, show_context_note: true },
      banner: { show_badge: false, show_short_description: false, show_long_description: true, show_context_note: false },
    });
  });

  it('surfaceVariant() returns the same flags the table publishes', () => {
    expect(surfaceVariant('banner').show_badge).toBe(false);
    expect(surfaceVariant('canonical_viewer').show_context_note).toBe(true);
  });
});
