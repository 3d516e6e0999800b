import { createHash } from 'node:crypto';
import { startHttpPeer } from './http-peer.js';
import type { HttpPeer, PeerRequest, PeerResponse } from './http-peer.js';

export interface GcsStoredObject {
  bucket: string;
  name: string;
  body: Buffer;
  /** The object metadata the client sent in the first multipart part. */
  metadata: Record<string, unknown>;
  generation: number;
}

export interface GcsPeer extends HttpPeer {
  /** Stored objects by `bucket/name`. */
  objects: Map<string, GcsStoredObject>;
}

export interface GcsPeerOptions {
  /** Buckets that exist; any other answers 404 (default: every bucket exists). */
  buckets?: readonly string[];
  keepObjects?: boolean;
}

const CRC32C_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** CRC32C (Castagnoli) as GCS reports it: big-endian, base64. */
export function crc32cBase64(data: Buffer): string {
  let c = 0xffffffff;
  for (const byte of data) c = CRC32C_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((c ^ 0xffffffff) >>> 0);
  return out.toString('base64');
}

/** A JSON API error the way GCS writes it. */
export function gcsError(code: number, reason: string, message: string): PeerResponse {
  return {
    status: code,
    headers: { 'content-type': 'application/json; charset=UTF-8', 'x-guploader-uploadid': `upload-${Date.now()}` },
    body: JSON.stringify({ error: { code, message, errors: [{ message, domain: 'global', reason }] } }),
  };
}

/** Splits a `multipart/related` body into its parts' headers and bodies. */
function parseMultipart(body: Buffer, contentType: string): { headers: Record<string, string>; body: Buffer }[] | undefined {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (boundary === undefined) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { headers: Record<string, string>; body: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) return undefined;
    const part = body.subarray(start + 2, next - 2); // drop the CRLF after the delimiter and before the next
    const split = part.indexOf('\r\n\r\n');
    const headers: Record<string, string> = {};
    for (const line of part.subarray(0, split).toString('utf8').split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    parts.push({ headers, body: part.subarray(split + 4) });
    at = next;
  }
  return parts;
}

/**
 * A loopback stand-in for the GCS JSON API's upload endpoint as `@google-cloud/storage` uses it
 * for `file.save(data, { resumable: false })`: `POST /upload/storage/v1/b/{bucket}/o?uploadType=multipart&name=…`
 * with a `multipart/related` body (metadata JSON, then the content). Honours `ifGenerationMatch=0`
 * with 412 conditionNotMet, answers with the object resource including `crc32c` and `md5Hash`
 * (the library checks them). Resumable uploads are refused, so a test notices if they are used.
 */
export async function startGcsPeer(options: GcsPeerOptions = {}): Promise<GcsPeer> {
  const objects = new Map<string, GcsStoredObject>();
  const keep = options.keepObjects ?? true;
  const buckets = options.buckets === undefined ? undefined : new Set(options.buckets);
  let generation = 1_700_000_000_000_000;
  const handle = (req: PeerRequest): PeerResponse => {
    const m = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(req.path);
    if (req.method !== 'POST' || m === null) return gcsError(404, 'notFound', `Not Found: ${req.method} ${req.path}`);
    if (req.query.get('uploadType') !== 'multipart') return gcsError(400, 'invalid', `uploadType ${req.query.get('uploadType')} is not supported by this peer`);
    const bucket = decodeURIComponent(m[1]!);
    if (buckets !== undefined && !buckets.has(bucket)) return gcsError(404, 'notFound', 'The specified bucket does not exist.');
    const name = req.query.get('name');
    const parts = parseMultipart(req.body, req.headers['content-type'] ?? '');
    if (!name || parts?.length !== 2) return gcsError(400, 'invalid', 'Expected a name and a two-part multipart/related body');
    const id = `${bucket}/${name}`;
    if (req.query.get('ifGenerationMatch') === '0' && objects.has(id)) {
      return gcsError(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.');
    }
    const metadata = JSON.parse(parts[0]!.body.toString('utf8')) as Record<string, unknown>;
    const content = parts[1]!.body;
    const gen = ++generation;
    objects.set(id, { bucket, name, body: keep ? content : Buffer.alloc(0), metadata, generation: gen });
    const resource = {
      kind: 'storage#object',
      id: `${id}/${gen}`,
      name,
      bucket,
      generation: String(gen),
      metageneration: '1',
      contentType: parts[1]!.headers['content-type'] ?? 'application/octet-stream',
      size: String(content.length),
      md5Hash: createHash('md5').update(content).digest('base64'),
      crc32c: crc32cBase64(content),
      timeCreated: new Date().toISOString(),
    };
    return { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(resource) };
  };
  const peer = (await startHttpPeer(handle)) as GcsPeer;
  peer.objects = objects;
  return peer;
}
