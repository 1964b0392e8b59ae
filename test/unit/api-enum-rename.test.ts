import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

// Issue 20 item 12: the web app takes the server's enums and run-context keys from the generated OpenAPI types, so a
// change of the server's schema breaks the web build instead of the page. This compiles the web app (web/src, as
// `npm run typecheck` does) against the generated types changed in memory the way a server change would change them
// — nothing on disk is touched — and expects a type error where the web app holds its copy. The allValues lists of
// web/src/api/enums.ts are checked in both directions: a value the server gained (the list lacks it) and a value the
// server dropped (the list still has it) each break the build on their own. Only the files holding the copies are
// checked (their imports are read, not checked), which keeps this to a few seconds of compiling; that the unchanged
// types compile is `npm run typecheck`'s job, and each expected error names the changed value, so it is the change's.

const root = fileURLToPath(new URL('../..', import.meta.url));
const generatedFile = path.join(root, 'web/src/api/generated/openapi.ts');

interface Change {
  /** What the server did, in words. */
  what: string;
  from: string;
  to: string;
  /** Where the web build must break: the file, a piece of the line the error is on, and a word its message names. */
  file: string;
  line: string;
  mentions: string;
}

const changes: Change[] = [
  {
    what: 'finding severities gained a value',
    from: '"critical" | "high" | "medium" | "low"',
    to: '"critical" | "catastrophic" | "high" | "medium" | "low"',
    file: 'web/src/api/drift-types.ts',
    line: 'export const findingSeverities = allValues',
    mentions: 'catastrophic',
  },
  {
    what: 'portfolio sort keys lost a value',
    from: 'sort?: "name" | "lifecycle" | "open_findings" | "last_sync" | "last_scan" | "active_runs";',
    to: 'sort?: "name" | "lifecycle" | "open_findings" | "last_sync" | "last_scan";',
    file: 'web/src/api/drift-types.ts',
    line: 'export const portfolioSortKeys = allValues',
    mentions: 'active_runs',
  },
  {
    what: 'an audit action was renamed',
    from: '"token.revoked"',
    to: '"token.withdrawn"',
    file: 'web/src/api/administration.ts',
    line: "'token.created', 'token.revoked'",
    mentions: 'token.revoked',
  },
  {
    what: "a drift scan's context key was renamed",
    from: 'compared_types?: string[];',
    to: 'types_compared?: string[];',
    file: 'web/src/pages/operations/DriftScanResultsCard.tsx',
    line: "allValues<DriftScanContextKey>()(['baseline_id', 'baseline_captured_at', 'compared_types'",
    mentions: 'compared_types',
  },
  {
    what: "a drift scan gap's reason was renamed",
    from: '"last_sync_failed" | "never_synced" | "not_in_baseline"',
    to: '"sync_failed" | "never_synced" | "not_in_baseline"',
    file: 'web/src/pages/operations/DriftScanResultsCard.tsx',
    line: 'last_sync_failed:',
    mentions: 'last_sync_failed',
  },
];

function compilerOptions(): ts.CompilerOptions {
  const configPath = path.join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath).options;
}

/** The type errors of the given web files, compiled with the generated types' text replaced by `generated`. */
function webTypeErrors(files: string[], generated: string): Array<{ file: string; line: string; message: string }> {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) =>
    path.resolve(fileName) === generatedFile ? ts.createSourceFile(fileName, generated, languageVersion) : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  const program = ts.createProgram({ rootNames: files.map((file) => path.join(root, file)), options, host });
  const checked = files.map((file) => program.getSourceFile(path.join(root, file))).filter((file) => file !== undefined);
  expect(checked).toHaveLength(files.length);
  const diagnostics = checked.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]);
  return diagnostics.flatMap((diagnostic) => {
    if (!diagnostic.file || diagnostic.start === undefined) return [];
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return [{
      file: path.relative(root, diagnostic.file.fileName),
      line: diagnostic.file.text.split('\n')[line] ?? '',
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '),
    }];
  });
}

describe('a change of a server enum or run-context key breaks the web build', () => {
  let errors: ReturnType<typeof webTypeErrors>;

  beforeAll(() => {
    let text = readFileSync(generatedFile, 'utf8');
    for (const change of changes) {
      // A change that no longer applies (the generated text moved on) must fail here, not pass unnoticed.
      expect(text.includes(change.from), `the generated types contain ${change.from}`).toBe(true);
      text = text.replaceAll(change.from, change.to);
    }
    errors = webTypeErrors([...new Set(changes.map((change) => change.file))], text);
  }, 120_000);

  it.each(changes)('$what: a type error in $file', (change) => {
    const here = errors.filter((error) => error.file === change.file && error.line.includes(change.line) && error.message.includes(change.mentions));
    expect(here, `errors: ${JSON.stringify(errors, null, 1)}`).not.toEqual([]);
  });
});
