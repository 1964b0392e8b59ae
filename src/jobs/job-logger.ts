// The logging surface of the engine. Fastify's pino logger satisfies it (serve); the worker command uses
// the JSON-lines logger below. Callers pass structured fields and scrubbed messages, never secrets.
export interface JobLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const rank = { trace: 0, debug: 0, info: 1, warn: 2, error: 3, fatal: 3, silent: 99 } as const;
type Level = 'debug' | 'info' | 'warn' | 'error';

/** One JSON object per line on stderr, like pino's output, at or above `minimum` (LOG_LEVEL). */
export function stderrJobLogger(minimum: string): JobLogger {
  const floor = rank[minimum as keyof typeof rank] ?? rank.info;
  const write = (level: Level) => (fields: object, message: string) => {
    if (rank[level] < floor) return;
    process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), ...fields, msg: message })}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentJobLogger: JobLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
