import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server standing in for the DataZone API, so tests exercise the real AWS SDK
 * (serialization, SigV4 signing, retries, error parsing) without AWS.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface StubResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface DataZoneStub {
  url: string;
  requests: RecordedRequest[];
  /** Responses to use for the next requests, in order; after they run out, 200 with a stored-event body. */
  respondWith(...responses: StubResponse[]): void;
  close(): Promise<void>;
}

let nextId = 0;

export async function startDataZoneStub(): Promise<DataZoneStub> {
  const requests: RecordedRequest[] = [];
  const queue: StubResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks) });
      const domain = /^\/v2\/domains\/([^/]+)\/lineage\/events$/.exec(url.pathname)?.[1] ?? 'unknown';
      const r = queue.shift() ?? {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-amzn-requestid': `req-${++nextId}` },
        body: JSON.stringify({ id: `event-${nextId}`, domainId: decodeURIComponent(domain) }),
      };
      res.writeHead(r.status, r.headers);
      res.end(r.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith: (...responses) => queue.push(...responses),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An AWS-style error response, shaped as DataZone's restJson1 protocol returns it. */
export function awsError(status: number, type: string, message: string, requestId: string): StubResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.datazone/`,
      'x-amzn-requestid': requestId,
    },
    body: JSON.stringify({ message }),
  };
}
