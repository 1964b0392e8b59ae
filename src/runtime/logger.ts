import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

// One logger configuration for every process — server, worker and command line (issue 10): pino, on stderr (stdout
// is the command line's JSON answer), ISO times and level names everywhere; JSON lines in production, readable lines
// on a terminal. LOG_FORMAT=json|pretty overrides the guess. Request lines carry `request_id` (Fastify's child logger,
// app.ts), job lines `run_id` (run-execution.ts).
//
// Redaction is the safety net: even if a future log statement includes a header or a body, passwords, tokens,
// cookies and client secrets come out as [Redacted]. Messages themselves are scrubbed where they are made.
const redact = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-csrf-token"]',
    'res.headers["set-cookie"]',
    '*.password',
    '*.client_secret',
    '*.access_token',
    '*.token',
  ],
  censor: '[Redacted]',
};

export type LogFormat = 'json' | 'pretty';

export function logFormatFrom(env: NodeJS.ProcessEnv = process.env): LogFormat {
  if (env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty') return env.LOG_FORMAT;
  return process.stderr.isTTY ? 'pretty' : 'json';
}

/** `destination` is for tests that read what was logged; processes log to stderr. */
export function createLogger(options: { level: string; format?: LogFormat; destination?: NodeJS.WritableStream }): Logger {
  const settings = {
    level: options.level,
    redact,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  if ((options.format ?? logFormatFrom()) === 'pretty') {
    return pino(settings, pretty({ destination: 2, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }));
  }
  if (options.destination) return pino(settings, options.destination);
  // Buffered: lines go out in writes of 8 KiB or more instead of one system call each (measured in bench/load.ts:
  // unbuffered logging halved the requests a process could serve), and at least every second so a quiet process's
  // lines are not held back; pino flushes what is left when the process exits.
  const logger = pino(settings, pino.destination({ dest: 2, sync: false, minLength: 8 * 1024 }));
  setInterval(() => logger.flush(), 1000).unref();
  return logger;
}
