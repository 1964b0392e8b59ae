import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config';
import type { Database } from '../db/schema';
import type { OperationsPorts } from '../jobs/operations-engine';
import type { SecretKeys } from '../security/secret-key';

/** What routes need from the outside world, handed in once when the app is built. */
export interface AppContext {
  db: Kysely<Database>;
  config: AppConfig;
  keys: SecretKeys;
  /**
   * The job queue and run change feed (jobs/operations-engine.ts). Without them — an app built for route
   * tests — starting an operation answers 503 and the events stream answers 503.
   */
  operations?: OperationsPorts;
}

export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export type RegisterRoutes = (app: ZodApp, ctx: AppContext) => void;
