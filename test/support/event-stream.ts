import http from 'node:http';

export interface ServerSentEvent {
  event: string;
  data: string;
}

/** A minimal EventSource: reads `event:`/`data:` blocks from a streaming GET, skipping comments. A string is a bearer token. */
export function openEventStream(
  url: string,
  credential: string | { cookie: string },
): Promise<{ status: number; events: ServerSentEvent[]; body: () => string; ended: Promise<void>; close(): void }> {
  return new Promise((resolve, reject) => {
    const auth = typeof credential === 'string' ? { authorization: `Bearer ${credential}` } : { cookie: credential.cookie };
    const request = http.get(url, { headers: { ...auth, accept: 'text/event-stream' } }, (response) => {
      const events: ServerSentEvent[] = [];
      let buffer = '';
      let all = '';
      // Resolves when the server ends the stream (or the connection drops).
      const ended = new Promise<void>((done) => {
        response.on('end', done);
        response.on('close', done);
      });
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        all += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n').filter((line) => !line.startsWith(':'));
          const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
          const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
          if (event) events.push({ event, data });
        }
      });
      response.on('error', () => {});
      resolve({ status: response.statusCode ?? 0, events, body: () => all, ended, close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}
