import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a cloud peer saw it. */
export interface PeerRequest {
  method: string;
  /** Path without the query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A canned answer that overrides the peer's normal behaviour for one request. */
export interface PeerResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Hold the answer this long (ms): a slow or hung peer. */
  delayMs?: number;
  /** Drop the connection without answering. */
  destroy?: boolean;
}

export interface HttpPeer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  requests: PeerRequest[];
  /** Answers for the next requests, in order, before the peer's own behaviour resumes. */
  respondWith(...responses: PeerResponse[]): void;
  /** Keep only the last `n` recorded requests (benchmarks send millions). */
  recordLimit: number;
  close(): Promise<void>;
}

export type PeerHandler = (req: PeerRequest) => PeerResponse;

/**
 * The loopback HTTP server under the S3, GCS and Kinesis peers: reads whole bodies, records
 * requests, applies injected answers first, then asks the protocol handler.
 */
export async function startHttpPeer(handler: PeerHandler, host = '127.0.0.1'): Promise<HttpPeer> {
  const queue: PeerResponse[] = [];
  const peer = { requests: [] as PeerRequest[], recordLimit: Number.POSITIVE_INFINITY } as HttpPeer;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://peer');
      const recorded: PeerRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      peer.requests.push(recorded);
      if (peer.requests.length > peer.recordLimit) peer.requests.splice(0, peer.requests.length - peer.recordLimit);
      const answer = queue.shift() ?? handler(recorded);
      const send = () => {
        if (answer.destroy) {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  peer.url = `http://${host}:${port}`;
  peer.port = port;
  peer.respondWith = (...responses) => void queue.push(...responses);
  peer.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return peer;
}

let requestCounter = 0;

/** A fresh request id in the style of the service (hex, upper case). */
export function nextRequestId(): string {
  return (++requestCounter).toString(16).toUpperCase().padStart(16, '0');
}
