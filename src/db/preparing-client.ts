import pg from 'pg';

// PostgreSQL plans every unnamed statement it receives, and for the short reads of a dashboard or a KPI header the
// planning costs more than the execution (issue 10: parse + bind 0.4–1.7 ms against 0.01–0.8 ms of execution per
// query, docs/PERFORMANCE.md). A named (prepared) statement is parsed once per connection and, after a few uses, run
// with a cached plan. This client names a statement the way PgJDBC does (prepareThreshold): only once its text has
// been seen PREPARE_AFTER times in this process, and only
// - through the promise API (Kysely); pg-pool's callback calls (pg-boss, the listeners) stay as they are,
// - with parameters (multi-statement scripts cannot be prepared),
// - outside a transaction, so that a failure can be retried,
// - up to MAX_NAMED_PER_CONNECTION statements per connection (texts that vary, like IN lists, cannot pile up).
// A statement prepared before a migration changed a table it reads fails with "cached plan must not change result
// type" (a rolling upgrade: another process migrated). Nothing ran, so it is retried unnamed once, and that
// connection prepares nothing more; the pool replaces connections over time.
// TENANTATLAS_PREPARED_STATEMENTS=off turns it off (for a transaction-pooling proxy that cannot keep them).

const PREPARE_AFTER = 3;
const MAX_NAMED_PER_CONNECTION = 200;
const MAX_TEXTS_COUNTED = 5_000;

/** How often each statement text was sent, process-wide; forgotten wholesale when it grows past its bound. */
const seenTexts = new Map<string, number>();

/** The errors of a named statement whose cached plan no longer fits, or that no longer exists on the server. */
function isStalePreparedStatement(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (code === '0A000' && /cached plan must not change result type/.test(message ?? '')) || code === '26000';
}

export class PreparingClient extends pg.Client {
  private inTransaction = false;
  private stopPreparing = false;
  /** Statement text → its name, for the statements this connection has named. */
  private readonly named = new Map<string, string>();

  // pg's query() has many overloads; only (text, values) without a callback is ever named.
  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text !== 'string' || callback !== undefined) return (super.query as (...a: unknown[]) => never)(...args);
    this.trackTransaction(text);
    const name = Array.isArray(values) && values.length > 0 ? this.nameFor(text) : null;
    if (!name) return (super.query as (...a: unknown[]) => never)(text, values);
    const run = (super.query as (config: pg.QueryConfig) => Promise<pg.QueryResult>).bind(this);
    return run({ name, text, values: values as unknown[] }).catch((error: unknown) => {
      if (!isStalePreparedStatement(error)) throw error;
      this.stopPreparing = true;
      return run({ text, values: values as unknown[] });
    }) as never;
  }

  private trackTransaction(text: string): void {
    // Kysely's transaction commands are short; a query's text is not lowered and compared on every call.
    if (text.length > 80) return;
    const command = text.trim().toLowerCase();
    if (command === 'begin' || command.startsWith('start transaction')) this.inTransaction = true;
    else if (command === 'commit' || command === 'rollback') this.inTransaction = false;
  }

  private nameFor(text: string): string | null {
    if (this.inTransaction || this.stopPreparing) return null;
    const known = this.named.get(text);
    if (known) return known;
    const seen = (seenTexts.get(text) ?? 0) + 1;
    if (seenTexts.size >= MAX_TEXTS_COUNTED && !seenTexts.has(text)) seenTexts.clear();
    seenTexts.set(text, seen);
    if (seen < PREPARE_AFTER || this.named.size >= MAX_NAMED_PER_CONNECTION) return null;
    // Names only need to be unique on their connection.
    const name = `ta_${this.named.size + 1}`;
    this.named.set(text, name);
    return name;
  }
}
