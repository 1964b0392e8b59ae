import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The built web app, `dist/web` of the package. Found from the package root (the nearest directory with a
 * package.json) rather than a fixed `../..`, because this code runs both from `src/http/plugins/` and compiled into
 * `dist/server/`.
 */
export const webDistDir = path.join(packageRoot(path.dirname(fileURLToPath(import.meta.url))), 'dist', 'web');

function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return from;
  }
}

/** Serves the built React app; deep links fall back to index.html. Returns false when not built. */
export async function registerWebApp(app: FastifyInstance): Promise<boolean> {
  if (!fs.existsSync(path.join(webDistDir, 'index.html'))) return false;
  await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: 'index.html' });
  return true;
}
