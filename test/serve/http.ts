// Requests to a test server exactly as given: the raw request goes over a socket, so malformed paths,
// methods and headers reach the server unchanged (node's http client would refuse to send them).
import { connect } from 'node:net';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `head` (request line and headers, without the blank line) and `body`; resolves with the answer. */
export function rawRequest(
  port: number,
  head: string,
  body: Buffer | string = '',
  timeoutMs = 10_000,
): Promise<Answer> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      fail(new Error(`no answer within ${timeoutMs} ms: ${head.split('\r\n')[0]}`));
    }, timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {
      /* a reset after the answer: judged by what arrived */
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!m) {
        fail(
          new Error(
            `no HTTP answer to ${JSON.stringify(head.split('\r\n')[0])}: ${JSON.stringify(text.slice(0, 200))}`,
          ),
        );
        return;
      }
      const split = text.indexOf('\r\n\r\n');
      const headers: Record<string, string> = {};
      for (const line of text.slice(0, split).split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      ok({ status: Number(m[1]), headers, body: split < 0 ? '' : text.slice(split + 4) });
    });
    socket.write(`${head}\r\nconnection: close\r\n\r\n`);
    socket.write(body); // not end(): a half-closed connection may lose an answer not yet sent
  });
}

/** A well-formed request: `headers` as name → value; Host is the server's unless given. */
export function call(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body: string | Buffer = '',
): Promise<Answer> {
  const all: Record<string, string> = { host: `127.0.0.1:${port}`, ...headers };
  if (body.length > 0 && all['content-length'] === undefined) all['content-length'] = String(Buffer.byteLength(body));
  const lines = [`${method} ${path} HTTP/1.1`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`)];
  return rawRequest(port, lines.join('\r\n'), body);
}

export const portOf = (url: string): number => Number(new URL(url).port);
