import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type AppConfig } from '../../src/config';
import { buildApp } from '../../src/http/app';
import type { ZodApp } from '../../src/http/app-context';
import { deriveKeys } from '../../src/security/secret-key';
import { createApiToken } from '../../src/use-cases/accounts/create-api-token';
import { createUserWithMembership } from '../../src/use-cases/accounts/create-user';
import { createWorkspace } from '../../src/use-cases/accounts/create-workspace';
import type { TestDatabase } from './test-database';

export const TEST_SECRET_KEY = 'test-secret-key-not-for-production';

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({}), secretKey: TEST_SECRET_KEY, loginRateLimit: 5, logLevel: 'silent', schedules: false, ...overrides };
}

export async function buildTestApp(database: TestDatabase, overrides: Partial<AppConfig> = {}): Promise<ZodApp> {
  const config = testConfig(overrides);
  return buildApp({ db: database.db, config, keys: deriveKeys(TEST_SECRET_KEY) }, { serveWebApp: false });
}

export interface TestMember {
  id: number;
  email: string;
  password: string;
  token: string;
}

/** Creates a user with a role in a workspace and a bearer token for it. */
export async function createMember(database: TestDatabase, workspaceSlug: string, email: string, role: string): Promise<TestMember> {
  const password = `pw-${email}-long-enough`;
  const user = await createUserWithMembership(database.db, { email, name: email.split('@')[0] ?? email, workspace: workspaceSlug, role, password });
  const { token } = await createApiToken(database.db, { email });
  return { id: user.id, email, password, token };
}

export async function createTestWorkspace(database: TestDatabase, slug: string) {
  return createWorkspace(database.db, { name: `Workspace ${slug}`, slug });
}

/** A browser-like client: session cookie and CSRF token, as the web app uses them. */
export class SessionClient {
  private cookie = '';
  private csrf = '';

  constructor(private readonly app: ZodApp) {}

  async login(email: string, password: string): Promise<LightMyRequestResponse> {
    const response = await this.request('POST', '/api/auth/login', { email, password });
    if (response.statusCode === 200) await this.refreshCsrf();
    return response;
  }

  async refreshCsrf(): Promise<void> {
    const response = await this.request('GET', '/api/auth/csrf');
    this.csrf = response.json<{ csrf_token: string }>().csrf_token;
  }

  request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, options: { csrf?: boolean } = {}) {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && options.csrf !== false && this.csrf) headers['x-csrf-token'] = this.csrf;
    return this.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) }).then((response) => {
      const setCookie = response.cookies.find((c) => c.name === 'ta_session');
      if (setCookie) this.cookie = `ta_session=${setCookie.value}`;
      return response;
    });
  }
}

export function bearer(app: ZodApp, token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
}
