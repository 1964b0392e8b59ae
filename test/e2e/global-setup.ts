// Once per browser run: a place for the seeded demo workspace that the files on the demo copy (see
// `startDemoServer`). It is seeded by the first file that needs it, so a run of one unrelated file pays nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplateDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'tenantatlas-e2e-demo-template-'));
  project.provide('demoTemplateDir', path.join(parent, 'data'));
  return async () => {
    await rm(parent, { recursive: true, force: true });
  };
}
