import { useEffect } from 'react';

/**
 * Every page names itself in the browser tab and to screen readers: "Operations · Contoso Ltd · TenantAtlas".
 * Parts that are not known yet (still loading) are left out rather than shown as placeholders.
 */
export function useDocumentTitle(...parts: Array<string | null | undefined>): void {
  const known = parts.filter((part): part is string => Boolean(part));
  const title = [...known, 'TenantAtlas'].join(' · ');
  useEffect(() => {
    // No parts at all: a page nested inside this one names the tab (the inventory hub around an item).
    if (parts.length === 0) return;
    document.title = title;
  }, [title, parts.length]);
}
