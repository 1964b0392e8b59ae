import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

/** Serves the built React app; deep links fall back to index.html. Returns false when not built. */
export async function registerWebApp(app: FastifyInstance): Promise<boolean> {
  if (!fs.existsSync(path.join(webDistDir, 'index.html'))) return false;
  await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: 'index.html' });
  return true;
}
