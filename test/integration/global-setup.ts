// Once per integration run: a migrated embedded database, dumped to a file that every test file's fresh PGlite
// starts from (see `openTestDatabase`). Migrating from empty costs 3–6 s a database on two cores; loading the
// dump costs under one.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpMigratedPglite } from '../support/test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateFile: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tenantatlas-pglite-template-'));
  const file = path.join(dir, 'migrated.tar');
  await writeFile(file, Buffer.from(await (await dumpMigratedPglite()).arrayBuffer()));
  project.provide('pgliteTemplateFile', file);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
