// The logging surface of the engine. The process's pino logger (runtime/logger.ts) satisfies it, in serve and in
// worker alike. Callers pass structured fields and scrubbed messages, never secrets.
export interface JobLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const silentJobLogger: JobLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
