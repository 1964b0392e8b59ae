// `npm run build:server`: the server and command line compiled to one JavaScript module, dist/server/cli.mjs, with
// esbuild (already the TypeScript compiler behind tsx and Vite). Dependencies stay in node_modules (`packages:
// 'external'`); only our own code is bundled. bin/tenantatlas.mjs runs this file when it is newer than every source
// file, so production starts without a TypeScript loader and a stale build is never run by accident.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/server/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
