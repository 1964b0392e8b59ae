import type { FastifyServerOptions } from 'fastify';

// Redaction is the safety net: even if a future log statement includes a header or a body, passwords,
// tokens, cookies and client secrets come out as [Redacted].
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
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
    },
  };
}
