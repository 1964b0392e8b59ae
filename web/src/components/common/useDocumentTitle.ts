import { useEffect } from 'react';

/**
 * Every page names itself in the browser tab and to screen readers: "Operations · Contoso Ltd · TenantAtlas".
 * Parts that are not known yet (still loading) are left out rather than shown as placeholders.
 */
export function useDocumentTitle(...parts: Array<string | null | undefined>): void {
  const title = [...parts.filter((part): part is string => Boolean(part)), 'TenantAtlas'].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
