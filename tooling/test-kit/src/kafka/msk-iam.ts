/**
 * Checks an MSK IAM SASL/OAUTHBEARER token the way Amazon MSK does: the token is a base64url-encoded
 * SigV4-presigned `GET https://kafka.<region>.amazonaws.com/?Action=kafka-cluster:Connect&…` URL. The
 * broker recomputes the signature with the secret key it knows for the access key id, and refuses a
 * token for another region or service, an unsigned or tampered one, one not yet valid or expired.
 * Written from the SigV4 query-string signing rules (AWS's "Authenticating requests: using query
 * parameters"), independently of the signer under test.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface AwsTestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface MskIamVerifierOptions {
  /** Region the cluster is in: tokens must be signed for `kafka.<region>.amazonaws.com`. */
  region: string;
  /** Keys the broker accepts (what IAM would know). */
  credentials: AwsTestCredentials | readonly AwsTestCredentials[];
  /** Clock (ms since epoch), for expiry tests. Default `Date.now`. */
  now?: () => number;
  /** Accepted clock skew for a token dated in the future, ms (default 5 minutes, as AWS). */
  maxSkewMs?: number;
}

/** What the broker decided about one token. */
export type TokenVerdict = { ok: true; principal: string; lifetimeMs: number } | { ok: false; reason: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICE = 'kafka-cluster';
const ACTION = 'kafka-cluster:Connect';
/** MSK refuses presigned URLs valid for longer than 15 minutes. */
const MAX_EXPIRES_S = 900;
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

export function mskIamVerifier(options: MskIamVerifierOptions): (token: string) => TokenVerdict {
  const keys: readonly AwsTestCredentials[] = ([] as AwsTestCredentials[]).concat(options.credentials);
  const now = options.now ?? Date.now;
  const maxSkew = options.maxSkewMs ?? 5 * 60_000;
  const host = `kafka.${options.region}.amazonaws.com`;
  return (token) => {
    const fail = (reason: string): TokenVerdict => ({ ok: false, reason });
    if (!/^[A-Za-z0-9_-]+={0,2}$/.test(token)) return fail('token is not base64url');
    let url: URL;
    try {
      url = new URL(Buffer.from(token, 'base64url').toString('utf8'));
    } catch {
      return fail('token is not a URL');
    }
    if (url.protocol !== 'https:' || url.pathname !== '/') return fail('token is not an https URL with path /');
    if (url.hostname !== host) return fail(`token is for ${url.hostname}; a cluster in region ${options.region} needs ${host}`);
    const query = parseQuery(url.search);
    const one = (name: string) => query.get(name);
    if (one('Action') !== ACTION) return fail(`Action is not ${ACTION}`);
    if (one('X-Amz-Algorithm') !== ALGORITHM) return fail('not SigV4 signed');
    const credential = (one('X-Amz-Credential') ?? '').split('/');
    if (credential.length !== 5) return fail('malformed X-Amz-Credential');
    const [accessKeyId, shortDate, region, service, terminator] = credential as [string, string, string, string, string];
    if (region !== options.region) return fail(`signed for region ${region}, cluster is in ${options.region}`);
    if (service !== SERVICE || terminator !== 'aws4_request') return fail(`signed for service ${service}`);
    const key = keys.find((k) => k.accessKeyId === accessKeyId);
    if (!key) return fail('unknown access key');
    if (key.sessionToken !== undefined && one('X-Amz-Security-Token') !== key.sessionToken) return fail('session token missing or wrong');
    if (one('X-Amz-SignedHeaders') !== 'host') return fail('SignedHeaders must be host');
    const longDate = one('X-Amz-Date') ?? '';
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(longDate);
    if (!m || longDate.slice(0, 8) !== shortDate) return fail('malformed X-Amz-Date');
    const signedAt = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
    const expires = Number(one('X-Amz-Expires'));
    if (!Number.isFinite(expires) || expires <= 0 || expires > MAX_EXPIRES_S) return fail('X-Amz-Expires out of range');
    const t = now();
    if (signedAt - t > maxSkew) return fail('token is dated in the future');
    const expiresAt = signedAt + expires * 1000;
    if (t >= expiresAt) return fail('token expired');

    // The signer adds User-Agent after signing; everything else but the signature was signed.
    const signed = [...query.entries()].filter(([k]) => k !== 'X-Amz-Signature' && k !== 'User-Agent');
    const canonicalQuery = signed
      .map(([k, v]) => [uriEscape(k), uriEscape(v)] as const)
      .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const canonicalRequest = ['GET', '/', canonicalQuery, `host:${host}`, '', 'host', EMPTY_SHA256].join('\n');
    const scope = `${shortDate}/${region}/${SERVICE}/aws4_request`;
    const stringToSign = [ALGORITHM, longDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
    let signingKey = hmac(`AWS4${key.secretAccessKey}`, shortDate);
    for (const part of [region, SERVICE, 'aws4_request']) signingKey = hmac(signingKey, part);
    const expected = Buffer.from(hmac(signingKey, stringToSign).toString('hex'));
    const given = Buffer.from(one('X-Amz-Signature') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('signature does not match');
    return { ok: true, principal: accessKeyId, lifetimeMs: expiresAt - t };
  };
}

/** Query parameters percent-decoded (a `+` stays a `+`: SigV4 encodes spaces as %20). Repeated names: last wins. */
function parseQuery(search: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const i = pair.indexOf('=');
    const k = i < 0 ? pair : pair.slice(0, i);
    const v = i < 0 ? '' : pair.slice(i + 1);
    out.set(decodeURIComponent(k), decodeURIComponent(v));
  }
  return out;
}

/** SigV4's URI encoding: RFC 3986 unreserved characters stay, everything else is %XX (upper case). */
function uriEscape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
