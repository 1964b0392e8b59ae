// Runtime lists of the API's enum values for the web app's menus, filters and tables. Each list is checked against
// the type generated from the server's schema in both directions: a value the server does not have, or a value
// the server has and the list lacks, fails the web build (`npm run typecheck`). The order is the UI's.

/** Every value of T, in the order given: `allValues<Severity>()(['critical', 'high', 'medium', 'low'])`. */
export function allValues<T extends string>() {
  return <const L extends readonly T[]>(values: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L => values;
}

/** The value if it is one of the list's (a URL parameter, say), else null. */
export function oneOf<const L extends readonly string[]>(values: L, raw: string | null | undefined): L[number] | null {
  return raw != null && values.includes(raw) ? (raw as L[number]) : null;
}
