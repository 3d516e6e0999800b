import { createHash } from 'node:crypto';
import { nextRequestId, startHttpPeer } from './http-peer.js';
import type { HttpPeer, PeerRequest, PeerResponse } from './http-peer.js';

/** An object the S3 peer stored. */
export interface S3StoredObject {
  bucket: string;
  key: string;
  body: Buffer;
  contentType: string | undefined;
  /** How the request addressed the bucket. */
  addressing: 'path' | 'virtual-hosted';
}

export interface S3Peer extends HttpPeer {
  /** Stored objects by `bucket/key`. */
  objects: Map<string, S3StoredObject>;
}

export interface S3PeerOptions {
  /** Buckets that exist; a PUT to any other answers NoSuchBucket (default: every bucket exists). */
  buckets?: readonly string[];
  /** Keep object bodies (default true; benchmarks turn it off). */
  keepObjects?: boolean;
}

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=[A-Z0-9]+\/\d{8}\/[a-z0-9-]+\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/;

/** An S3 REST error the way S3 writes it: XML body plus request id headers. */
export function s3Error(status: number, code: string, message: string, requestId = nextRequestId()): PeerResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId, 'x-amz-id-2': `host-${requestId}` },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId><HostId>host-${requestId}</HostId></Error>`,
  };
}

/**
 * A loopback stand-in for S3's PutObject, for tests and benchmarks driven by the real AWS SDK:
 * path-style (`/bucket/key`) and virtual-hosted (`Host: bucket.localhost:PORT`) addressing,
 * SigV4 `Authorization` required (format checked, signature not recomputed), `If-None-Match: *`
 * honoured with 412 PreconditionFailed, errors as S3's XML with `x-amz-request-id`.
 */
export async function startS3Peer(options: S3PeerOptions = {}): Promise<S3Peer> {
  const objects = new Map<string, S3StoredObject>();
  const keep = options.keepObjects ?? true;
  const buckets = options.buckets === undefined ? undefined : new Set(options.buckets);
  const handle = (req: PeerRequest): PeerResponse => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const virtual = host.endsWith('.localhost');
    const segments = req.path.split('/').slice(1);
    const bucket = virtual ? host.slice(0, -'.localhost'.length) : decodeURIComponent(segments.shift() ?? '');
    const key = segments.map(decodeURIComponent).join('/');
    if (!SIGV4.test(req.headers.authorization ?? '') || !req.headers['x-amz-date'] || !req.headers['x-amz-content-sha256']) {
      return s3Error(403, 'AccessDenied', 'Missing or malformed SigV4 Authorization');
    }
    if (req.method !== 'PUT' || key === '' || [...req.query.keys()].some((k) => k !== 'x-id'))
      return s3Error(501, 'NotImplemented', `${req.method} ${req.path} is not PutObject`);
    if (buckets !== undefined && !buckets.has(bucket)) return s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    const id = `${bucket}/${key}`;
    if (req.headers['if-none-match'] === '*' && objects.has(id)) {
      return s3Error(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
    }
    objects.set(id, {
      bucket,
      key,
      body: keep ? req.body : Buffer.alloc(0),
      contentType: req.headers['content-type'],
      addressing: virtual ? 'virtual-hosted' : 'path',
    });
    const requestId = nextRequestId();
    return {
      status: 200,
      headers: { etag: `"${createHash('md5').update(req.body).digest('hex')}"`, 'x-amz-request-id': requestId, 'x-amz-id-2': `host-${requestId}` },
    };
  };
  const peer = (await startHttpPeer(handle)) as S3Peer;
  peer.objects = objects;
  return peer;
}
