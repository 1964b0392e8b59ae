// The logging surface the Graph client needs; a pino logger satisfies it as is. Callers get structured
// fields (path, status, attempt, wait_ms), never headers, tokens, secrets or response bodies.
export interface GraphLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export const silentLogger: GraphLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
};
