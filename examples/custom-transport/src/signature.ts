import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex>`: the GitHub webhook convention, so existing receiver code can verify it. */
export function sign(body: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** For the receiving side: checks a signature header in constant time. */
export function verify(body: string | Uint8Array, header: string | undefined, secret: string): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
