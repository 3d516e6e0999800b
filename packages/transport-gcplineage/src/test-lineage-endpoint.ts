/**
 * A loopback stand-in for Google Cloud Data Lineage's REST surface (what @google-cloud/lineage's REST
 * transport speaks): `POST /v1/projects/{p}/locations/{l}:processOpenLineageRunEvent` with the event as
 * the JSON body. It checks the bearer token the library signs itself from a service-account key (a
 * self-signed RS256 JWT) against that key's public half, answers like the API, or with scripted
 * Google errors and delays. Test-only (excluded from the build).
 */
import { generateKeyPairSync, verify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface FakeServiceAccount {
  /** The key file, as `credentials_path` takes it. */
  file: string;
  clientEmail: string;
  publicKey: string;
  privateKeyPem: string;
}

/** A service-account key file with a fresh RSA key. Its token_uri points at a dead loopback port: nothing may ever use it. */
export function fakeServiceAccount(dir: string, projectId = 'lineage-test-project'): FakeServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const clientEmail = `openlineage@${projectId}.iam.gserviceaccount.com`;
  const file = join(dir, 'service-account.json');
  writeFileSync(
    file,
    JSON.stringify({
      type: 'service_account',
      project_id: projectId,
      private_key_id: 'test-key-1',
      private_key: privateKey,
      client_email: clientEmail,
      client_id: '1',
      token_uri: 'http://127.0.0.1:9/token',
    }),
  );
  return { file, clientEmail, publicKey, privateKeyPem: privateKey };
}

export interface EndpointRequest {
  method: string;
  path: string;
  parent: string | undefined;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** Claims of a valid bearer JWT; undefined when the token was missing or invalid. */
  claims: Record<string, unknown> | undefined;
  status: number;
}

export interface EndpointStep {
  /** HTTP status; with `googleStatus` the body is Google's JSON error. */
  status?: number;
  googleStatus?: string;
  message?: string;
  delayMs?: number;
  /** Drop the connection without answering. */
  destroy?: boolean;
}

export interface LineageEndpoint {
  readonly url: string;
  readonly port: number;
  readonly requests: EndpointRequest[];
  /** Accepted events (the JSON bodies of 200 answers). */
  readonly events: unknown[];
  respondWith(steps: EndpointStep[]): void;
  setDelay(ms: number): void;
  close(): Promise<void>;
}

const PATH = /^\/v1\/(projects\/[^/]+\/locations\/[^/:]+):processOpenLineageRunEvent$/;

export async function startLineageEndpoint(account: Pick<FakeServiceAccount, 'clientEmail' | 'publicKey'>): Promise<LineageEndpoint> {
  const requests: EndpointRequest[] = [];
  const events: unknown[] = [];
  let script: EndpointStep[] = [];
  let delay = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const parent = PATH.exec(url.pathname)?.[1];
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const claims = checkBearer(req.headers.authorization, account);
      const step = script.shift() ?? {};
      const record: EndpointRequest = {
        method: req.method ?? '',
        path: url.pathname,
        parent,
        query: url.searchParams,
        headers: req.headers,
        body,
        claims,
        status: 0,
      };
      requests.push(record);
      const answer = (status: number, payload: unknown) => {
        record.status = status;
        res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(JSON.stringify(payload));
      };
      const respond = () => {
        if (step.destroy) {
          req.socket.destroy();
          return;
        }
        if (req.method !== 'POST' || parent === undefined) return answer(404, googleError(404, 'NOT_FOUND', `no such method ${url.pathname}`));
        if (claims === undefined) return answer(401, googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'));
        if (step.googleStatus !== undefined || (step.status !== undefined && step.status !== 200)) {
          const status = step.status ?? 500;
          return answer(status, googleError(status, step.googleStatus ?? 'INTERNAL', step.message ?? 'scripted failure'));
        }
        if (typeof body !== 'object' || body === null || typeof (body as { eventType?: unknown }).eventType !== 'string') {
          return answer(400, googleError(400, 'INVALID_ARGUMENT', 'open_lineage is not an OpenLineage run event'));
        }
        events.push(body);
        const runId = String((body as { run?: { runId?: unknown } }).run?.runId ?? 'unknown');
        answer(200, {
          process: `${parent}/processes/p-1`,
          run: `${parent}/processes/p-1/runs/${runId}`,
          lineageEvents: [`${parent}/processes/p-1/runs/${runId}/lineageEvents/e-${events.length}`],
        });
      };
      const wait = step.delayMs ?? delay;
      if (wait > 0) setTimeout(respond, wait);
      else respond();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    events,
    respondWith: (steps) => void (script = [...steps]),
    setDelay: (ms) => void (delay = ms),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function googleError(code: number, status: string, message: string): unknown {
  return { error: { code, message, status } };
}

/** A self-signed service-account JWT: RS256 over `header.payload`, issued by the account, not expired. */
function checkBearer(header: string | undefined, account: Pick<FakeServiceAccount, 'clientEmail' | 'publicKey'>): Record<string, unknown> | undefined {
  const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header ?? '');
  if (!m) return undefined;
  const [, h, p, sig] = m as unknown as [string, string, string, string];
  try {
    const head = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
    if (head.alg !== 'RS256') return undefined;
    if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), account.publicKey, Buffer.from(sig, 'base64url'))) return undefined;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    if (claims.iss !== account.clientEmail || typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}
