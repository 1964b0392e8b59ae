import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { deriveKeys } from '../security/secret-key';
import { buildApp } from './app';

// Only used to build the document: nothing is signed or encrypted with it.
const DOCUMENT_ONLY_KEY = 'openapi-document-only';

/**
 * The API's OpenAPI document (SPEC §4) without a listening server: the app is built over an empty in-memory
 * embedded database (no route runs, no migration is needed) and asked for its document. The web app's types
 * are generated from it (`npm run generate:api-types`).
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const database = await openDatabase({});
  try {
    const config = { ...loadConfig({}), secretKey: DOCUMENT_ONLY_KEY, logLevel: 'silent' as const };
    const app = await buildApp({ db: database.db, config, keys: deriveKeys(DOCUMENT_ONLY_KEY) }, { serveWebApp: false });
    try {
      return app.swagger() as unknown as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}
