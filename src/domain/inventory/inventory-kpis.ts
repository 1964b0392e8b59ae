// SPEC §3, inventory hub: the chips and coverage % from item counts per policy type. The counts come from the
// database; which type counts in which chip comes only from the registry, so a type's restore mode or risk
// can never disagree between the header, the coverage page and the API.
import { findPolicyType } from './policy-types';

export interface InventoryChips {
  restorable: number;
  partial: number;
  risk: number;
  dependencies: number;
}

export interface InventoryCounts {
  total_items: number;
  coverage_percent: number | null;
  chips: InventoryChips;
}

/**
 * Items per type → total, chips and coverage. A type the registry does not know (older data, raw SQL) counts
 * in the total and in no chip: it cannot be restored, and pretending otherwise would raise coverage.
 */
export function inventoryCounts(itemsByType: ReadonlyArray<{ policy_type: string; items: number }>): InventoryCounts {
  const chips: InventoryChips = { restorable: 0, partial: 0, risk: 0, dependencies: 0 };
  let total = 0;
  for (const { policy_type, items } of itemsByType) {
    total += items;
    const entry = findPolicyType(policy_type);
    if (!entry) continue;
    if (entry.restore === 'enabled') chips.restorable += items;
    if (entry.restore === 'preview-only') chips.partial += items;
    if (entry.risk === 'high' || entry.risk === 'medium-high') chips.risk += items;
    if (entry.dependencies) chips.dependencies += items;
  }
  return { total_items: total, coverage_percent: coveragePercent(chips.restorable, total), chips };
}

/** restorable / total × 100, one decimal; null at zero items (shown as "—"). Partial never raises it. */
export function coveragePercent(restorable: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((restorable / total) * 1000) / 10;
}
