// Graph-style paging: `$top` sets the page size, `@odata.nextLink` carries an opaque `$skiptoken` and is
// an absolute URL on the simulator, as Graph's own links are absolute.

export interface PageRequest {
  /** e.g. http://127.0.0.1:4010 as the client addressed us. */
  origin: string;
  version: string;
  /** Collection path after the version. */
  collectionPath: string;
  search: URLSearchParams;
  defaultPageSize: number;
  maxPageSize?: number;
}

export type PageResult = { ok: true; body: Record<string, unknown> } | { ok: false; message: string };

/** `present` shapes each item of the page (only the page's, so a large collection costs a page per request). */
export function collectionPage<T>(items: readonly T[], request: PageRequest, present: (item: T) => unknown = (item) => structuredClone(item)): PageResult {
  const asked = parseTop(request.search.get('$top'), request.defaultPageSize);
  if (asked === null) return { ok: false, message: "Invalid value for '$top': expected an integer from 1 to 999." };
  const top = Math.min(asked, request.maxPageSize ?? asked);
  const offset = parseSkipToken(request.search.get('$skiptoken'));
  if (offset === null) return { ok: false, message: "Invalid '$skiptoken'." };

  const base = `${request.origin}/${request.version}`;
  const value = items.slice(offset, offset + top).map(present);
  const body: Record<string, unknown> = { '@odata.context': `${base}/$metadata#${request.collectionPath}`, value };
  if (offset + top < items.length) {
    // Like Graph's, the link keeps the request's other options ($expand, …), so every page is shaped alike.
    const kept = [...request.search.entries()].filter(([name]) => name !== '$top' && name !== '$skiptoken');
    const extra = kept.map(([name, value]) => `&${name}=${encodeURIComponent(value)}`).join('');
    body['@odata.nextLink'] = `${base}/${request.collectionPath}?$top=${top}&$skiptoken=${skipToken(offset + top)}${extra}`;
  }
  return { ok: true, body };
}

function parseTop(raw: string | null, fallback: number): number | null {
  if (raw === null) return fallback;
  const top = Number(raw);
  return Number.isInteger(top) && top >= 1 && top <= 999 ? top : null;
}

function skipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function parseSkipToken(raw: string | null): number | null {
  if (raw === null) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    const offset = (parsed as { offset?: unknown }).offset;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : null;
  } catch {
    return null;
  }
}
