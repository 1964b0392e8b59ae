#!/usr/bin/env node
// The `tenantatlas` command. It runs the compiled server (dist/server/cli.mjs, `npm run build:server`) when that
// build is newer than every file under src/; otherwise — in development, or after editing a source file — it runs the
// TypeScript sources through tsx's loader, so a stale build is never what runs (docs/ARCHITECTURE.md, "Running it").
// TENANTATLAS_FROM_SOURCE=1 forces the sources (benchmarks compare both).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/server/cli.mjs', import.meta.url));
const sources = fileURLToPath(new URL('../src', import.meta.url));

function newestModification(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestModification(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const useCompiled =
  process.env.TENANTATLAS_FROM_SOURCE !== '1' && existsSync(compiled) && (!existsSync(sources) || statSync(compiled).mtimeMs >= newestModification(sources));

if (useCompiled) {
  // Stack traces name the TypeScript sources, through the build's source map.
  process.setSourceMapsEnabled(true);
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
