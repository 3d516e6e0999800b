import { randomUUID } from 'node:crypto';

/**
 * The sink acting as an OAuth-style token endpoint, shaped like the one the Python client's JWT
 * provider talks to (IBM Cloud IAM and friends): form POST in, JSON with a token and expiry out.
 */
export interface TokenEndpointOptions {
  /** Path the token endpoint answers on. Default `/token`. */
  path?: string;
  /** Seconds for the `expires_in` member; `null` leaves it out. Default 3600. */
  expiresIn?: number | null;
  /** Seconds from now for the JWT `exp` claim; `null` (default) issues tokens without `exp`. */
  expClaimIn?: number | null;
  /** Response member carrying the token. Default `access_token`. */
  tokenField?: string;
  /** Response member carrying the lifetime. Default `expires_in`. */
  expiresInField?: string;
  /** Answer with this status instead of a token (failure tests). Default 200. */
  status?: number;
}

export interface IssuedToken {
  token: string;
  /** Parsed form fields of the request that obtained it (the api key included — test data only). */
  form: Record<string, string>;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An unsigned-but-well-formed JWT: the client only reads its `exp` claim, it never verifies it. */
export function makeJwt(claims: Record<string, unknown>): string {
  return `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}.${Buffer.from(randomUUID()).toString('base64url')}`;
}

export class TokenEndpoint {
  options: Required<Omit<TokenEndpointOptions, 'expiresIn' | 'expClaimIn'>> & { expiresIn: number | null; expClaimIn: number | null };
  readonly issued: IssuedToken[] = [];
  private counter = 0;

  constructor(options: TokenEndpointOptions = {}) {
    this.options = TokenEndpoint.fill(options);
  }

  private static fill(o: TokenEndpointOptions): TokenEndpoint['options'] {
    return {
      path: o.path ?? '/token',
      expiresIn: o.expiresIn === undefined ? 3600 : o.expiresIn,
      expClaimIn: o.expClaimIn ?? null,
      tokenField: o.tokenField ?? 'access_token',
      expiresInField: o.expiresInField ?? 'expires_in',
      status: o.status ?? 200,
    };
  }

  configure(options: TokenEndpointOptions): void {
    this.options = TokenEndpoint.fill({ ...this.options, ...options });
  }

  /** Returns the status and JSON body to answer a token request with. */
  answer(formBody: string): { status: number; body: Record<string, unknown> } {
    const form = Object.fromEntries(new URLSearchParams(formBody));
    if (this.options.status < 200 || this.options.status > 299) return { status: this.options.status, body: { error: 'token endpoint told to fail' } };
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { sub: 'lineage-sink', iat: now, n: ++this.counter };
    if (this.options.expClaimIn !== null) claims.exp = now + this.options.expClaimIn;
    const token = makeJwt(claims);
    this.issued.push({ token, form });
    const body: Record<string, unknown> = { [this.options.tokenField]: token, token_type: 'Bearer' };
    if (this.options.expiresIn !== null) body[this.options.expiresInField] = this.options.expiresIn;
    return { status: 200, body };
  }
}
