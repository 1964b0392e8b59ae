import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ZodApp } from '../../src/http/app-context';
import * as passwords from '../../src/security/passwords';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';
import { buildTestApp, createMember, createTestWorkspace, type TestMember } from '../support/test-app';

// Sign-in abuse (issue 9), each case on its own: X-Forwarded-For rotation, password spraying from one address,
// one account attacked from many addresses, over-limit attempts refused before hashing, and the hash cap.

const login = (app: ZodApp, email: string, password: string, headers: Record<string, string> = {}, remoteAddress?: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers, ...(remoteAddress ? { remoteAddress } : {}) });

describe.each(databaseTargets())('sign-in abuse on %s', (target) => {
  let database: TestDatabase;
  let member: TestMember;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    await createTestWorkspace(database, 'abuse');
    member = await createMember(database, 'abuse', 'victim@abuse.example', 'owner');
  });
  afterAll(async () => database?.close());

  const freshApp = async (overrides: Parameters<typeof buildTestApp>[1] = {}) => {
    // A clean slate for each case: counters in the database (PostgreSQL) are keyed by address and email.
    await sql`DELETE FROM sign_in_limits`.execute(database.db);
    return buildTestApp(database, { databaseUrl: database.url, loginRateLimit: 5, loginRateLimitPerAddress: 10, loginFailuresPerAccount: 8, ...overrides });
  };

  it('ignores a rotating X-Forwarded-For from an untrusted client: the limit holds', async () => {
    const app = await freshApp({ secureCookies: true });
    try {
      const statuses = [];
      for (let i = 0; i < 8; i += 1) statuses.push((await login(app, member.email, 'wrong', { 'x-forwarded-for': `203.0.113.${i}` })).statusCode);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      // Even the right password is refused while limited.
      const right = await login(app, member.email, member.password, { 'x-forwarded-for': '198.51.100.7' });
      expect(right.statusCode).toBe(429);
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('believes X-Forwarded-For only from a configured proxy, and a client cannot spoof past it', async () => {
    const app = await freshApp({ trustProxy: ['127.0.0.1'] });
    try {
      // Through the trusted proxy, two real clients have separate limits.
      for (let i = 0; i < 5; i += 1) expect((await login(app, member.email, 'wrong', { 'x-forwarded-for': '203.0.113.10' })).statusCode).toBe(401);
      expect((await login(app, member.email, 'wrong', { 'x-forwarded-for': '203.0.113.10' })).statusCode).toBe(429);
      expect((await login(app, member.email, member.password, { 'x-forwarded-for': '203.0.113.11' })).statusCode).toBe(200);
      // A client prepending its own fake hop is still counted by the address the trusted proxy saw.
      const spoofed = await login(app, member.email, 'wrong', { 'x-forwarded-for': '10.9.9.9, 203.0.113.10' });
      expect(spoofed.statusCode).toBe(429);
      // A peer that is not the trusted proxy cannot choose its address at all.
      const untrusted = await login(app, member.email, 'wrong', { 'x-forwarded-for': '203.0.113.99' }, '192.0.2.50');
      expect(untrusted.statusCode).toBe(401);
      for (let i = 0; i < 4; i += 1) await login(app, member.email, 'wrong', { 'x-forwarded-for': `198.18.0.${i}` }, '192.0.2.50');
      expect((await login(app, member.email, 'wrong', { 'x-forwarded-for': '198.18.0.200' }, '192.0.2.50')).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('meets a limit when one address sprays many emails', async () => {
    const app = await freshApp();
    try {
      const statuses = [];
      for (let i = 0; i < 30; i += 1) statuses.push((await login(app, `user${i}@spray.example`, 'Winter2026!')).statusCode);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('meets a limit when one account is attacked from many addresses', async () => {
    const app = await freshApp({ trustProxy: ['127.0.0.1'] });
    try {
      const statuses = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await login(app, member.email, 'wrong', { 'x-forwarded-for': `198.51.100.${i}` })).statusCode);
      expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(8).every((s) => s === 429)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('refuses an over-limit attempt before hashing the password', async () => {
    const app = await freshApp({ loginRateLimit: 2 });
    const verify = vi.spyOn(passwords, 'verifyPassword');
    try {
      await login(app, member.email, 'wrong');
      await login(app, member.email, 'wrong');
      expect(verify).toHaveBeenCalledTimes(2);
      const refused = await login(app, member.email, 'wrong');
      expect(refused.statusCode).toBe(429);
      expect(verify).toHaveBeenCalledTimes(2);
    } finally {
      verify.mockRestore();
      await app.close();
    }
  });

  it('caps concurrent hashing: junk beyond the cap is answered at once with 503, a real sign-in is still answered', async () => {
    const app = await freshApp({ trustProxy: ['127.0.0.1'], loginRateLimitPerAddress: 1000, loginRateLimit: 1000, loginFailuresPerAccount: 1000, passwordHashing: { concurrency: 2, queue: 4 } });
    try {
      const junk = Array.from({ length: 50 }, (_, i) => login(app, `junk${i}@flood.example`, 'x', { 'x-forwarded-for': `198.51.100.${i}` }));
      const real = login(app, member.email, member.password, { 'x-forwarded-for': '203.0.113.200' });
      const statuses = (await Promise.all(junk)).map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
      const busy = (await Promise.all(junk)).find((r) => r.statusCode === 503)!;
      expect(busy.json().error.code).toBe('auth.busy');
      expect(busy.headers['retry-after']).toBe('1');
      // Answered (200, or 503 if it landed behind the cap — then it succeeds on retry); never lost or hung.
      let answer = await real;
      if (answer.statusCode === 503) answer = await login(app, member.email, member.password, { 'x-forwarded-for': '203.0.113.200' });
      expect(answer.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('sign-in limits across server processes', () => {
  it('holds across two app instances on one PostgreSQL', async () => {
    const database = await openTestDatabase('postgres');
    await createTestWorkspace(database, 'shared');
    const member = await createMember(database, 'shared', 'shared@abuse.example', 'owner');
    const config = { databaseUrl: database.url, loginRateLimit: 4 };
    const [a, b] = [await buildTestApp(database, config), await buildTestApp(database, config)];
    try {
      const statuses = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await login(i % 2 === 0 ? a : b, member.email, 'wrong')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    } finally {
      await a.close();
      await b.close();
      await database.close();
    }
  });
});
