// Minimal request/response helpers for node:http. Writes are skipped once the client has gone (a
// timed-out request, a closed simulator), so a slow answer never crashes the server.
import type { IncomingMessage, ServerResponse } from 'node:http';

const maxBodyBytes = 1_000_000;

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) throw new RangeError('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(response, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', ...headers });
}

export function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(status, { 'content-length': String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

export function sendEmpty(response: ServerResponse, status: number): void {
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(status);
  response.end();
}

/** JSON with a status, returning the status (the admin handlers report what they answered). */
export function answerJson(response: ServerResponse, status: number, body: object): number {
  sendJson(response, status, body);
  return status;
}

/** The simulator's own error shape for its control API. */
export function answerSimError(response: ServerResponse, status: number, message: string): number {
  return answerJson(response, status, { error: { code: 'sim.bad_request', message } });
}

/** Zod issues as one line: `path: message; …`. */
export function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`).join('; ');
}
