import fs from 'node:fs';

/** Replaces (or appends) the generated section `name` of docs/PERFORMANCE.md, between its markers. */
export function writeReportSection(file: string, name: string, lines: string[]): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const generated = [start, ...lines, end].join('\n');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Performance\n\n';
  const next = existing.includes(start)
    ? existing.replace(new RegExp(`${start}[\\s\\S]*${end}`), generated)
    : `${existing.trimEnd()}\n\n${generated}\n`;
  fs.writeFileSync(file, next);
}
