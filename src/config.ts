import path from 'node:path';

/** Process configuration from the environment (SPEC §8). Read once at the edge and passed down. */
export interface AppConfig {
  databaseUrl: string | undefined;
  /**
   * PostgreSQL: the schema owner's connection, for `tenantatlas migrate` only (TENANTATLAS_MIGRATION_DATABASE_URL).
   * Serve and workers then connect through `databaseUrl` as a runtime role that cannot alter the audit trail
   * (db/runtime-role.ts). Unset: migrate uses `databaseUrl` too (one role for everything).
   */
  migrationDatabaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  secretKey: string | undefined;
  graphUrl: string;
  loginUrl: string;
  /** Sign-in limits (src/security/sign-in-limits.ts): attempts per minute per address and email (`loginRateLimit`),
   *  per address, and failed attempts per account per 15 minutes. */
  loginRateLimit: number;
  loginRateLimitPerAddress: number;
  loginFailuresPerAccount: number;
  /** Password hashes verified at once, and how many may wait; beyond that sign-in answers 503 at once. */
  passwordHashing: { concurrency: number; queue: number };
  /**
   * Which proxies' X-Forwarded-For to believe (Fastify `trustProxy`): false (none, the default), a hop count,
   * or a list of addresses/CIDRs. Never implied by anything else: a believed header decides the address the
   * sign-in limits count against.
   */
  trustProxy: boolean | number | string[];
  /** Behind HTTPS (or a TLS-terminating proxy) cookies get the Secure flag. */
  secureCookies: boolean;
  logLevel: string;
  /** How long a client may take to send headers, the whole request, or nothing at all (slow-client defence). */
  limits: ServerLimits;
  /** Live-update streams one user / one token may hold open per process (429 beyond). */
  eventStreams: { perUser: number; perToken: number; /** Ping and access re-check interval of an open stream. */ pingMs: number };
  /**
   * How long a process may remember a token's owner and a member's role (http/access-cache.ts); 0 turns it off.
   * Ended access is announced to every process at once, so this bounds only what a lost notification could leave.
   */
  accessCacheMs: number;
  /** PostgreSQL: prepare often-sent statements (db/preparing-client.ts); off for proxies that cannot keep them. */
  preparedStatements: boolean;
  /**
   * Whether runs draw their Graph requests from the tenant's shared request budget (Intune's documented limits, one
   * budget for every worker process; src/graph/request-budget.ts). On by default; TENANTATLAS_GRAPH_REQUEST_BUDGET=off
   * is only for a Graph-compatible server without Intune's limits (graph-sim in the benchmarks), never for real Graph.
   */
  graphRequestBudget: boolean;
  /**
   * Whether worker processes run the sync-and-scan schedule (each workspace's interval decides what is due).
   * On by default; TENANTATLAS_SCHEDULES=off turns it off for every process (the tests do, so no tick starts
   * runs a test did not ask for). Give every process the same value.
   */
  schedules: boolean;
  /** Prometheus metrics on a port of their own (`GET /metrics`), when a port is given; off by default. */
  metrics: { port: number; host: string } | undefined;
  /** Sign-in with Microsoft Entra ID (OpenID Connect), when an issuer, client id and secret are all given. */
  entraId: EntraIdConfig | undefined;
}

export interface EntraIdConfig {
  /** e.g. https://login.microsoftonline.com/<directory id>/v2.0 */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The callback URL registered with the app; without it, the address the browser used to reach the server. */
  redirectUri: string | undefined;
}

export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** A connection with no bytes in either direction for this long is closed (event streams ping every 25 s). */
  idleTimeoutMs: number;
  /** Request bodies above this many bytes get 413. */
  bodyLimitBytes: number;
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
    migrationDatabaseUrl: env.TENANTATLAS_MIGRATION_DATABASE_URL || undefined,
    dataDir: path.resolve(env.TENANTATLAS_DATA_DIR || './data'),
    port: positiveInt('PORT', env.PORT, 3000),
    host: env.HOST || '127.0.0.1',
    secretKey: env.TENANTATLAS_SECRET_KEY || undefined,
    graphUrl: (env.TENANTATLAS_GRAPH_URL || 'https://graph.microsoft.com').replace(/\/+$/, ''),
    loginUrl: (env.TENANTATLAS_LOGIN_URL || 'https://login.microsoftonline.com').replace(/\/+$/, ''),
    loginRateLimit: positiveInt('TENANTATLAS_LOGIN_RATE_LIMIT', env.TENANTATLAS_LOGIN_RATE_LIMIT, 10),
    loginRateLimitPerAddress: positiveInt('TENANTATLAS_LOGIN_RATE_LIMIT_PER_ADDRESS', env.TENANTATLAS_LOGIN_RATE_LIMIT_PER_ADDRESS, 20),
    loginFailuresPerAccount: positiveInt('TENANTATLAS_LOGIN_FAILURES_PER_ACCOUNT', env.TENANTATLAS_LOGIN_FAILURES_PER_ACCOUNT, 20),
    passwordHashing: {
      concurrency: positiveInt('TENANTATLAS_PASSWORD_HASH_CONCURRENCY', env.TENANTATLAS_PASSWORD_HASH_CONCURRENCY, 2),
      queue: positiveInt('TENANTATLAS_PASSWORD_HASH_QUEUE', env.TENANTATLAS_PASSWORD_HASH_QUEUE, 8),
    },
    trustProxy: parseTrustProxy(env.TENANTATLAS_TRUST_PROXY),
    secureCookies: env.TENANTATLAS_SECURE_COOKIES === 'true',
    schedules: env.TENANTATLAS_SCHEDULES !== 'off',
    logLevel: env.LOG_LEVEL || 'info',
    limits: {
      headersTimeoutMs: 1000 * positiveInt('TENANTATLAS_HEADERS_TIMEOUT_SECONDS', env.TENANTATLAS_HEADERS_TIMEOUT_SECONDS, 10),
      requestTimeoutMs: 1000 * positiveInt('TENANTATLAS_REQUEST_TIMEOUT_SECONDS', env.TENANTATLAS_REQUEST_TIMEOUT_SECONDS, 30),
      idleTimeoutMs: 1000 * positiveInt('TENANTATLAS_IDLE_TIMEOUT_SECONDS', env.TENANTATLAS_IDLE_TIMEOUT_SECONDS, 60),
      bodyLimitBytes: positiveInt('TENANTATLAS_BODY_LIMIT_BYTES', env.TENANTATLAS_BODY_LIMIT_BYTES, 100 * 1024),
    },
    entraId: loadEntraIdConfig(env),
    metrics: env.TENANTATLAS_METRICS_PORT
      ? { port: positiveInt('TENANTATLAS_METRICS_PORT', env.TENANTATLAS_METRICS_PORT, 0), host: env.TENANTATLAS_METRICS_HOST || '127.0.0.1' }
      : undefined,
    preparedStatements: env.TENANTATLAS_PREPARED_STATEMENTS !== 'off',
    graphRequestBudget: env.TENANTATLAS_GRAPH_REQUEST_BUDGET !== 'off',
    accessCacheMs: 1000 * positiveInt('TENANTATLAS_ACCESS_CACHE_SECONDS', env.TENANTATLAS_ACCESS_CACHE_SECONDS, 5),
    eventStreams: {
      perUser: positiveInt('TENANTATLAS_MAX_EVENT_STREAMS_PER_USER', env.TENANTATLAS_MAX_EVENT_STREAMS_PER_USER, 20),
      perToken: positiveInt('TENANTATLAS_MAX_EVENT_STREAMS_PER_TOKEN', env.TENANTATLAS_MAX_EVENT_STREAMS_PER_TOKEN, 10),
      pingMs: 1000 * positiveInt('TENANTATLAS_EVENT_STREAM_PING_SECONDS', env.TENANTATLAS_EVENT_STREAM_PING_SECONDS, 25),
    },
  };
}

/** "" → trust nothing; "2" → two hops; "10.0.0.1, 10.1.0.0/16" → those proxies only. */
function parseTrustProxy(raw: string | undefined): boolean | number | string[] {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const addresses = value.split(',').map((part) => part.trim()).filter(Boolean);
  for (const address of addresses) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(address)) {
      throw new Error(`TENANTATLAS_TRUST_PROXY must be a hop count or a list of proxy addresses/CIDRs, got "${address}"`);
    }
  }
  return addresses;
}

/** All three of issuer, client id and secret, or none (password sign-in only); half a configuration is an error. */
function loadEntraIdConfig(env: NodeJS.ProcessEnv): EntraIdConfig | undefined {
  const issuer = env.TENANTATLAS_OIDC_ISSUER?.trim() || undefined;
  const clientId = env.TENANTATLAS_OIDC_CLIENT_ID?.trim() || undefined;
  const clientSecret = env.TENANTATLAS_OIDC_CLIENT_SECRET || undefined;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    throw new Error('Sign-in with Entra ID needs TENANTATLAS_OIDC_ISSUER, TENANTATLAS_OIDC_CLIENT_ID and TENANTATLAS_OIDC_CLIENT_SECRET together.');
  }
  for (const [name, value] of [['TENANTATLAS_OIDC_ISSUER', issuer], ['TENANTATLAS_OIDC_REDIRECT_URI', env.TENANTATLAS_OIDC_REDIRECT_URI]] as const) {
    if (value && !URL.canParse(value)) throw new Error(`${name} must be a URL, got "${value}"`);
  }
  return { issuer, clientId, clientSecret, redirectUri: env.TENANTATLAS_OIDC_REDIRECT_URI?.trim() || undefined };
}
