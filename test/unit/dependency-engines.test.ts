import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// package.json's `engines.node` is a promise: every Node version it names runs every installed dependency as that
// dependency declares (no EBADENGINE from `npm ci`). This reads the lock file, so a dependency update that drops a
// claimed Node version fails here, not on a user's install.
const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: Record<string, string> | string[] }>;
};

/**
 * Dependencies knowingly kept although their declared engines leave out a claimed Node version, each with its reason
 * (docs/DECISIONS.md, "Tooling and tests (issue 20)"). An entry that no longer needs to be here fails the test too.
 */
const accepted: Record<string, string> = {
  'node_modules/kysely': 'Kysely 0.29 is the stack\'s choice for its PGliteDialect (0.28 has none); it declares Node >= 22, the suite runs on Node 20',
};

function declaredNode(engines: Record<string, string> | string[] | undefined): string | undefined {
  // A few old packages publish engines as an array of strings ("node >= 0.8"); none of those constrain us.
  return engines && !Array.isArray(engines) ? engines.node : undefined;
}

describe('dependency engines', () => {
  it('names the Node versions the project is tested on (20 on these machines) and 22', () => {
    expect(semver.satisfies('20.19.0', pkg.engines.node)).toBe(true);
    expect(semver.satisfies('22.13.0', pkg.engines.node)).toBe(true);
  });

  it('claims no Node version that an installed dependency excludes', () => {
    const excluding = Object.entries(lock.packages)
      .filter(([name]) => name !== '')
      .flatMap(([name, entry]) => {
        const declared = declaredNode(entry.engines);
        return declared && !semver.subset(pkg.engines.node, declared) ? [`${name}@${entry.version} wants node ${declared}`] : [];
      });
    const unexpected = excluding.filter((line) => !Object.keys(accepted).some((name) => line.startsWith(`${name}@`)));
    expect(unexpected, `package.json claims node ${pkg.engines.node}`).toEqual([]);
    const stale = Object.keys(accepted).filter((name) => !excluding.some((line) => line.startsWith(`${name}@`)));
    expect(stale, 'accepted exceptions that no longer exclude a claimed version').toEqual([]);
  });
});
