import type { CoverageRow } from '../../api/inventory-types';

// A policy type's restore support and risk in words, keyed by the values the server's registry schema lists
// (Coverage): a value the server adds or renames breaks the build here instead of showing a blank.
type Restore = CoverageRow['restore'];
type Risk = CoverageRow['risk'];

export const restoreLabels: Record<Restore, string> = { enabled: 'Restorable', 'preview-only': 'Preview only' };
export const riskLabels: Record<Risk, string> = { high: 'High', 'medium-high': 'Medium-high', medium: 'Medium', low: 'Low' };

/** For an item, whose answer carries its type's values as stored strings (null: the type is not in the registry). */
export function restoreLabel(value: string | null): string | null {
  return value !== null && Object.hasOwn(restoreLabels, value) ? restoreLabels[value as Restore] : null;
}

export function riskLabel(value: string | null): string | null {
  return value !== null && Object.hasOwn(riskLabels, value) ? riskLabels[value as Risk] : null;
}
