import path from 'node:path';

/** Process configuration from the environment (SPEC §8). Read once at the edge and passed down. */
export interface AppConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  secretKey: string | undefined;
  graphUrl: string;
  loginUrl: string;
  /** Login attempts allowed per IP and email within one minute before 429. */
  loginRateLimit: number;
  /** Behind HTTPS (or a TLS-terminating proxy) cookies get the Secure flag. */
  secureCookies: boolean;
  logLevel: string;
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.TENANTATLAS_DATA_DIR || './data'),
    port: positiveInt('PORT', env.PORT, 3000),
    host: env.HOST || '127.0.0.1',
    secretKey: env.TENANTATLAS_SECRET_KEY || undefined,
    graphUrl: (env.TENANTATLAS_GRAPH_URL || 'https://graph.microsoft.com').replace(/\/+$/, ''),
    loginUrl: (env.TENANTATLAS_LOGIN_URL || 'https://login.microsoftonline.com').replace(/\/+$/, ''),
    loginRateLimit: positiveInt('TENANTATLAS_LOGIN_RATE_LIMIT', env.TENANTATLAS_LOGIN_RATE_LIMIT, 10),
    secureCookies: env.TENANTATLAS_SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL || 'info',
  };
}
